using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace MleDojo.Agents.Tests.Support;

/// <summary>
/// The production path to a model, pointed at a <see cref="ScriptedChatEndpoint"/>: the official OpenAI SDK's
/// <see cref="ChatClient"/> behind Microsoft.Extensions.AI's adapter.
/// </summary>
public static class OpenAIChatClients
{
    public const string DefaultModel = "scripted-model";
    public const string DefaultApiKey = "sk-scripted-test";

    /// <summary>
    /// A chat client for the endpoint. <paramref name="maxRetries"/> null keeps the SDK's own retry policy (3 retries
    /// of 408/429/5xx with back-off, honouring Retry-After); 0 shows the first error as it came.
    /// </summary>
    public static IChatClient For(ScriptedChatEndpoint endpoint, string model = DefaultModel, string apiKey = DefaultApiKey, int? maxRetries = null)
    {
        var options = new OpenAIClientOptions { Endpoint = endpoint.BaseAddress };
        if (maxRetries is { } retries)
        {
            options.RetryPolicy = new ClientRetryPolicy(retries);
        }

        return new ChatClient(model, new ApiKeyCredential(apiKey), options).AsIChatClient();
    }
}
