namespace MleDojo.Core.Importing;

/// <summary>What a format reader found in an MLE-bench or MLE-Dojo competition folder.</summary>
public sealed record SourceFolder
{
    /// <summary><c>mle-bench</c> or <c>mle-dojo</c>.</summary>
    public required string Format { get; init; }

    /// <summary>Absolute path of the folder.</summary>
    public required string Directory { get; init; }

    /// <summary>The competition id in its source (config.yaml id, or the folder name).</summary>
    public required string OriginalId { get; init; }

    /// <summary>A title for listings.</summary>
    public required string Title { get; init; }

    /// <summary>The agent-facing description (description.md / info/description.txt).</summary>
    public required string Description { get; init; }

    /// <summary>prepare.py; null when the folder has none.</summary>
    public string? PrepareScript { get; init; }

    /// <summary>grade.py (MLE-bench) or utils/metric.py (MLE-Dojo); null when the folder has none.</summary>
    public string? GraderScript { get; init; }

    /// <summary>What the source calls its metric (config.yaml grader.name), when it says.</summary>
    public string? GraderName { get; init; }

    /// <summary>The final (private) leaderboard: MLE-bench leaderboard.csv, MLE-Dojo info/private_leaderboard.csv.</summary>
    public string? LeaderboardPath { get; init; }

    /// <summary>The public leaderboard (MLE-Dojo info/public_leaderboard.csv).</summary>
    public string? PublicLeaderboardPath { get; init; }

    /// <summary>The answer key's path inside prepare.py's private directory.</summary>
    public required string AnswersFile { get; init; }

    /// <summary>The sample submission's path inside prepare.py's public directory.</summary>
    public required string SampleSubmissionFile { get; init; }

    /// <summary>The metric's direction as the source code states it (MLE-Dojo's higher_is_better default), if it does.</summary>
    public bool? HigherIsBetter { get; init; }
}
