using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace MleDojo.Agents;

/// <summary>
/// One of the server's tools as the model sees it during an episode: the session id is filled in (the model never
/// has to carry it), the result is the structured content with very long strings cut to head and tail (not the whole
/// MCP envelope, which repeats it as text), and a result that ends the episode stops the function-invocation loop.
/// </summary>
internal sealed class EpisodeTool : AIFunction
{
    private static readonly string[] Waiting = ["execute_code", "validate_code", "get_run"];

    private readonly McpClientTool _tool;
    private readonly McpClient _client;
    private readonly EpisodeObserver _observer;
    private readonly AgentOptions _options;

    public EpisodeTool(McpClientTool tool, McpClient client, EpisodeObserver observer, AgentOptions options)
    {
        _tool = tool;
        _client = client;
        _observer = observer;
        _options = options;
        JsonSchema = AgentTools.SchemaAsOffered(tool.JsonSchema);
    }

    public override string Name => _tool.Name;

    public override string Description => _tool.Description;

    public override JsonElement JsonSchema { get; }

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var call = new Dictionary<string, object?>(arguments, StringComparer.Ordinal) { [AgentTools.SessionIdParameter] = _observer.SessionId };
        if (Waiting.Contains(Name) && !call.ContainsKey("wait_s"))
        {
            call["wait_s"] = _options.WaitSeconds;
        }

        var result = await _client.CallToolAsync(Name, call, cancellationToken: cancellationToken).ConfigureAwait(false);
        var context = FunctionInvokingChatClient.CurrentContext;
        _observer.Observe(context?.CallContent.CallId ?? $"unknown:{Guid.NewGuid():N}", Name, result);
        if (_observer.Ended && context is not null)
        {
            // Nothing the model says next can change a finished episode: stop asking it.
            context.Terminate = true;
        }

        return ForModel(result, _options.MaxToolOutputChars);
    }

    /// <summary>
    /// What the model reads of a result: the error text, or the structured content with long strings cut. Structured
    /// content goes back as a JSON value, not as a string holding JSON, which would reach the model escaped twice.
    /// </summary>
    internal static object ForModel(CallToolResult result, int maxChars)
    {
        if (result.IsError is true || result.StructuredContent is not { } structured)
        {
            var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));
            return result.IsError is true ? $"Error: {OutputText.Cut(text, maxChars)}" : OutputText.Cut(text, maxChars);
        }

        var node = JsonNode.Parse(structured.GetRawText())!;
        OutputText.CutStrings(node, maxChars);
        return JsonSerializer.SerializeToElement(node, OutputText.Json);
    }
}
