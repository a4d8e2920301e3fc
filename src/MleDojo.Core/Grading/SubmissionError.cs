using System.Text.Json.Serialization;

namespace MleDojo.Core.Grading;

/// <summary>One thing wrong with a submission. Never contains answer values: only the submission's own content.</summary>
/// <param name="Code">Stable machine-readable code, for example <c>duplicate_ids</c>.</param>
/// <param name="Message">What is wrong, with counts and a few examples from the submission.</param>
/// <param name="Hint">What to do about it.</param>
public sealed record SubmissionError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("hint")] string Hint);
