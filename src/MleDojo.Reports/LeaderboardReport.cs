using MleDojo.Reports.Statistics;

namespace MleDojo.Reports;

/// <summary>Everything a report shows, computed once and rendered as Markdown, CSV, JSON or HTML.</summary>
public sealed record LeaderboardReport
{
    /// <summary>When the report was made; the only part that differs between two reports of the same store.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Which episodes it covers, in words.</summary>
    public required string Scope { get; init; }

    /// <summary>The competitions, by id.</summary>
    public required IReadOnlyList<CompetitionFacts> Competitions { get; init; }

    /// <summary>The agents overall, best first (by Elo where there is one, else by mean rank).</summary>
    public required IReadOnlyList<AgentStanding> Standings { get; init; }

    /// <summary>Agent by competition.</summary>
    public required IReadOnlyList<AgentCompetitionResult> Results { get; init; }

    /// <summary>The Elo fit; null when there are no pairs (<see cref="EloUnavailable"/> says why).</summary>
    public EloResult? Elo { get; init; }

    /// <summary>Why there is no Elo.</summary>
    public string? EloUnavailable { get; init; }

    /// <summary>Performance profiles of the best attempts; null when no competition has a baseline.</summary>
    public AupResult? AupBest { get; init; }

    /// <summary>Performance profiles of the final submissions.</summary>
    public AupResult? AupLast { get; init; }

    /// <summary>Best-so-far public score against step, per competition and agent.</summary>
    public required IReadOnlyList<ScoreCurve> Curves { get; init; }

    /// <summary>The episodes, for the drill-down.</summary>
    public required IReadOnlyList<EpisodeOutcome> Episodes { get; init; }

    /// <summary>What was left out or decided, one sentence each.</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}
