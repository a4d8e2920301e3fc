using System.Text.Json.Serialization;

namespace MleDojo.Agents;

/// <summary>What a tool call returned, as the model was given it.</summary>
public sealed record TranscriptToolResult(
    [property: JsonPropertyName("call_id")] string CallId,
    [property: JsonPropertyName("result")] string? Result);
