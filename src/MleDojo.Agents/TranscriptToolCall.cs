using System.Text.Json.Serialization;

namespace MleDojo.Agents;

/// <summary>A tool call the model made: its id, the tool, the arguments as JSON, and why they could not be read, if so.</summary>
public sealed record TranscriptToolCall(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("arguments")] string Arguments,
    [property: JsonPropertyName("error")] string? Error);
