using MleDojo.Reports.Statistics;

namespace MleDojo.Reports;

/// <summary>One agent's place across every competition of the report.</summary>
public sealed record AgentStanding
{
    /// <summary>The agent.</summary>
    public required string Agent { get; init; }

    /// <summary>Episodes played.</summary>
    public required int Episodes { get; init; }

    /// <summary>Competitions played.</summary>
    public required int Competitions { get; init; }

    /// <summary>Episodes without a graded submission.</summary>
    public required int Ungraded { get; init; }

    /// <summary>Bradley–Terry Elo with its bootstrap interval; null when the agent has no game.</summary>
    public EloRating? Elo { get; init; }

    /// <summary>AUP of the best attempts.</summary>
    public double? AupBest { get; init; }

    /// <summary>AUP of the final submissions.</summary>
    public double? AupLast { get; init; }

    /// <summary>Mean over competitions of the mean normalised score.</summary>
    public double? MeanNormalizedScore { get; init; }

    /// <summary>Mean over competitions with a leaderboard of the mean position score.</summary>
    public double? MeanPositionScore { get; init; }

    /// <summary>Gold medals.</summary>
    public int Gold { get; init; }

    /// <summary>Silver medals.</summary>
    public int Silver { get; init; }

    /// <summary>Bronze medals.</summary>
    public int Bronze { get; init; }

    /// <summary>Mean over competitions of the agent's rank among the agents that played it (1 = best; ties share the mean rank).</summary>
    public required double MeanRank { get; init; }
}
