namespace MleDojo.Reports;

/// <summary>
/// One finished episode as a report counts it: who played it, how it ended, and its final score, which is the private
/// score of the graded submission or, for an episode that has none, the competition's baseline (counted apart through
/// <see cref="Graded"/>).
/// </summary>
public sealed record EpisodeOutcome
{
    /// <summary>Session id.</summary>
    public required string SessionId { get; init; }

    /// <summary>Competition id.</summary>
    public required string CompetitionId { get; init; }

    /// <summary>The agent: its label, else the MCP client's name, else <c>unlabelled</c>.</summary>
    public required string Agent { get; init; }

    /// <summary>The experiment label.</summary>
    public string? Experiment { get; init; }

    /// <summary>
    /// The seed that pairs this episode with other agents' for Elo: the seed label, else <c>#k</c> for the agent's k-th
    /// unseeded episode on the competition in start order.
    /// </summary>
    public required string Seed { get; init; }

    /// <summary>The MCP client, as <c>name version</c>.</summary>
    public string? Client { get; init; }

    /// <summary>How the episode ended (<c>terminated</c>, <c>truncated</c> or <c>closed</c>).</summary>
    public required string State { get; init; }

    /// <summary>Why it ended.</summary>
    public string? EndReason { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall-clock time from start to end.</summary>
    public double? WallSeconds { get; init; }

    /// <summary>Budget steps used.</summary>
    public required int StepsUsed { get; init; }

    /// <summary>The agent saw public (test-derived) scores.</summary>
    public required bool SawPublicScores { get; init; }

    /// <summary>A submission was graded: the final score is its private score, not the baseline.</summary>
    public required bool Graded { get; init; }

    /// <summary>The private score of the graded submission; null when none was graded.</summary>
    public double? PrivateScore { get; init; }

    /// <summary>The final score: <see cref="PrivateScore"/>, or the competition's baseline when there is none.</summary>
    public double? FinalScore { get; init; }

    /// <summary>The best private score over every step that left a valid submission (MLGym's "best attempt"); the final score without any.</summary>
    public double? BestScore { get; init; }

    /// <summary>The final score between baseline (0) and reference (1).</summary>
    public double? NormalizedScore { get; init; }

    /// <summary>MLE-Dojo's position score on the leaderboard, where one exists.</summary>
    public double? PositionScore { get; init; }

    /// <summary>gold, silver, bronze or none, where a leaderboard exists.</summary>
    public string? Medal { get; init; }

    /// <summary>Strictly better than the leaderboard's median, where one exists.</summary>
    public bool? AboveMedian { get; init; }

    /// <summary>Tokens and cost, where the agent reported them.</summary>
    public EpisodeUsage? Usage { get; init; }

    /// <summary>The recorded calls, in order.</summary>
    public IReadOnlyList<EpisodeStep> Steps { get; init; } = [];
}
