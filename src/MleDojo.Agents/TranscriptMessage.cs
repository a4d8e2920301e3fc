using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace MleDojo.Agents;

/// <summary>A message of the conversation: its role, its text, the tool calls it makes and the tool results it carries.</summary>
public sealed record TranscriptMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("tool_calls")] IReadOnlyList<TranscriptToolCall>? ToolCalls,
    [property: JsonPropertyName("tool_results")] IReadOnlyList<TranscriptToolResult>? ToolResults)
{
    internal static TranscriptMessage From(ChatMessage message)
    {
        var calls = message.Contents.OfType<FunctionCallContent>()
            .Select(c => new TranscriptToolCall(c.CallId, c.Name, JsonSerializer.Serialize(c.Arguments, OutputText.Json), c.Exception?.Message)).ToList();
        var results = message.Contents.OfType<FunctionResultContent>()
            .Select(r => new TranscriptToolResult(r.CallId, r.Result?.ToString() ?? r.Exception?.Message)).ToList();
        return new TranscriptMessage(
            message.Role.Value,
            string.IsNullOrEmpty(message.Text) ? null : message.Text,
            calls.Count == 0 ? null : calls,
            results.Count == 0 ? null : results);
    }
}
