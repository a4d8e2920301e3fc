namespace MleDojo.Core.Grading;

/// <summary>The outcome of reading a submission against the answer key.</summary>
public sealed record SubmissionCheck
{
    /// <summary>True when the file exists and has no errors.</summary>
    public bool IsValid => Found && Errors.Count == 0;

    /// <summary>False when there is no file at all.</summary>
    public required bool Found { get; init; }

    /// <summary>Everything wrong, each with a hint. Empty when valid.</summary>
    public required IReadOnlyList<SubmissionError> Errors { get; init; }

    /// <summary>Rows read (excluding the header).</summary>
    public int Rows { get; init; }

    internal AlignedPredictions? Predictions { get; init; }

    /// <summary>The scores of a competition's own grader, for competitions graded by their own code.</summary>
    internal ExternalVerdict? External { get; init; }
}
