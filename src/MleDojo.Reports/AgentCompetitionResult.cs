using MleDojo.Reports.Statistics;

namespace MleDojo.Reports;

/// <summary>How one agent did on one competition, over its seeds.</summary>
public sealed record AgentCompetitionResult
{
    /// <summary>The agent.</summary>
    public required string Agent { get; init; }

    /// <summary>The competition.</summary>
    public required string CompetitionId { get; init; }

    /// <summary>Episodes (one per seed).</summary>
    public required int Episodes { get; init; }

    /// <summary>Episodes without a graded submission, which score as the baseline.</summary>
    public required int Ungraded { get; init; }

    /// <summary>Final score: the private score of the graded submission, the baseline for an ungraded episode.</summary>
    public MeanAndError? FinalScore { get; init; }

    /// <summary>Best attempt: the best private score over the steps' submissions.</summary>
    public MeanAndError? BestScore { get; init; }

    /// <summary>Final score normalised between baseline (0) and reference (1).</summary>
    public MeanAndError? NormalizedScore { get; init; }

    /// <summary>Mean position score on the leaderboard, where one exists.</summary>
    public double? PositionScore { get; init; }

    /// <summary>Share of episodes with any medal, where a leaderboard exists.</summary>
    public double? MedalRate { get; init; }

    /// <summary>Gold medals.</summary>
    public int Gold { get; init; }

    /// <summary>Silver medals.</summary>
    public int Silver { get; init; }

    /// <summary>Bronze medals.</summary>
    public int Bronze { get; init; }

    /// <summary>Share of episodes strictly above the leaderboard's median, where one exists.</summary>
    public double? AboveMedianRate { get; init; }

    /// <summary>Share of episodes that ended with a valid, graded submission.</summary>
    public required double ValidSubmissionRate { get; init; }

    /// <summary>Mean budget steps used.</summary>
    public required double MeanSteps { get; init; }

    /// <summary>Mean wall-clock seconds per episode.</summary>
    public double? MeanWallSeconds { get; init; }

    /// <summary>Input tokens over the episodes that reported them; null when none did.</summary>
    public long? TokensIn { get; init; }

    /// <summary>Output tokens over the episodes that reported them.</summary>
    public long? TokensOut { get; init; }

    /// <summary>Cost over the episodes that reported one.</summary>
    public decimal? Cost { get; init; }

    /// <summary>Episodes in which the agent saw public (test-derived) scores.</summary>
    public required int SawPublicScores { get; init; }
}
