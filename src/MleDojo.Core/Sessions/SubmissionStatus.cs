using System.Text.Json.Serialization;
using MleDojo.Core.Grading;

namespace MleDojo.Core.Sessions;

/// <summary>What a run left in output/submission.csv.</summary>
public sealed record SubmissionStatus(
    [property: JsonPropertyName("found")] bool Found,
    [property: JsonPropertyName("written_by_this_run")] bool WrittenByThisRun,
    [property: JsonPropertyName("valid")] bool Valid,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("errors")] IReadOnlyList<SubmissionError> Errors);
