using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;

namespace MleDojo.Agents;

/// <summary>
/// Waits out a session that started <c>queued</c> (a busy Slurm cluster) before the model is asked anything: its clock
/// has not started, runs would be refused, and every model call meanwhile would be spent for nothing.
/// </summary>
internal static class AllocationQueue
{
    /// <summary>
    /// The start_session result to show the model once the session is active (as it now stands), or null when it is
    /// still queued after <see cref="AgentOptions.MaxQueueWaitSeconds"/>.
    /// </summary>
    public static async Task<JsonElement?> WaitAsync(McpClient server, string sessionId, JsonElement started, AgentOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (StateOf(started) != "queued")
        {
            return started;
        }

        var deadline = time.GetUtcNow().AddSeconds(options.MaxQueueWaitSeconds);
        while (time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(options.QueuePollSeconds), time, cancellationToken).ConfigureAwait(false);
            var history = await server.CallToolAsync("get_history", new Dictionary<string, object?> { ["session_id"] = sessionId }, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (history.IsError is not true && history.StructuredContent is { } content && StateOf(content) != "queued")
            {
                // What the model reads: the start result with the state it has now, and no queue to worry about.
                var node = JsonNode.Parse(started.GetRawText())!.AsObject();
                node["state"] = StateOf(content);
                node.Remove("queue");
                return JsonSerializer.SerializeToElement(node);
            }
        }

        return null;
    }

    private static string? StateOf(JsonElement result) =>
        result.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.String ? state.GetString() : null;
}
