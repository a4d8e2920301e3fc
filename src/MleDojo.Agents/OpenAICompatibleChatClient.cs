using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Http.Resilience;
using OpenAI;
using OpenAI.Chat;
using Polly;

namespace MleDojo.Agents;

/// <summary>
/// An <see cref="IChatClient"/> for any OpenAI-compatible endpoint (OpenAI, Azure OpenAI's v1 API, vLLM, Ollama's
/// <c>/v1</c>, LM Studio). Rate limits (429) and server errors (5xx) are retried by one resilience pipeline, with
/// exponential backoff and jitter and the server's <c>Retry-After</c> honoured; the SDK's own retries are off, so a
/// request is never retried twice over.
/// </summary>
public static class OpenAICompatibleChatClient
{
    /// <summary>Creates the client.</summary>
    /// <param name="endpoint">The API base, such as <c>https://api.openai.com/v1</c> or <c>http://localhost:11434/v1</c>.</param>
    /// <param name="model">The model id.</param>
    /// <param name="apiKey">The API key (local servers accept any).</param>
    /// <param name="maxRetries">Retries of a 429 or 5xx answer. The default is 4.</param>
    /// <param name="firstRetryDelay">The first backoff delay, doubled at each retry. The default is 2 s.</param>
    /// <param name="requestTimeout">How long one request may take. The default is 10 minutes.</param>
    public static IChatClient Create(Uri endpoint, string model, string apiKey, int maxRetries = 4, TimeSpan? firstRetryDelay = null, TimeSpan? requestTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, maxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = firstRetryDelay ?? TimeSpan.FromSeconds(2),
                ShouldRetryAfterHeader = true,
            })
            .Build();
        var http = new HttpClient(new ResilienceHandler(pipeline) { InnerHandler = new SocketsHttpHandler() })
        {
            Timeout = requestTimeout ?? TimeSpan.FromMinutes(10),
        };
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        return new ChatClient(model, new ApiKeyCredential(apiKey), options).AsIChatClient();
    }
}
