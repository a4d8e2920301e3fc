using System.Text.Json.Serialization;

namespace MleDojo.Agents;

/// <summary>One model call of an episode.</summary>
/// <param name="Index">1-based.</param>
/// <param name="StartedAt">When the request was sent.</param>
/// <param name="DurationSeconds">How long the model took.</param>
/// <param name="EstimatedTokensSent">The request's size as the context policy estimates it (after folding).</param>
/// <param name="InputTokens">Input tokens the provider reported, when it did.</param>
/// <param name="OutputTokens">Output tokens the provider reported, when it did.</param>
/// <param name="New">What the model had not seen before this call: the task, tool results, nudges.</param>
/// <param name="Reply">What it answered.</param>
public sealed record TranscriptCall(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("duration_s")] double DurationSeconds,
    [property: JsonPropertyName("estimated_tokens_sent")] int EstimatedTokensSent,
    [property: JsonPropertyName("input_tokens")] long? InputTokens,
    [property: JsonPropertyName("output_tokens")] long? OutputTokens,
    [property: JsonPropertyName("new")] IReadOnlyList<TranscriptMessage> New,
    [property: JsonPropertyName("reply")] IReadOnlyList<TranscriptMessage> Reply);
