using MleDojo.Core.Serialization;
using MleDojo.Core.Sessions;

namespace MleDojo.Core.Recording;

/// <summary>A session row: who, what, which budgets, and how it ended.</summary>
public sealed record SessionRecord
{
    /// <summary>Session id.</summary>
    public required string Id { get; init; }

    /// <summary>Competition id.</summary>
    public required string CompetitionId { get; init; }

    /// <summary>Where the episode stands.</summary>
    public required EpisodeState State { get; init; }

    /// <summary>When the episode started.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// When its wall-clock budget started: when its sandbox could first run, which for a session that waited in a
    /// scheduler's queue is later than <see cref="CreatedAt"/>. Null while queued; for rows written before store
    /// version 4, the migration sets it to <see cref="CreatedAt"/>.
    /// </summary>
    public DateTimeOffset? ClockStartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Why it ended.</summary>
    public string? EndReason { get; init; }

    /// <summary>The budget limits, as JSON.</summary>
    public required string BudgetJson { get; init; }

    /// <summary>Sandbox backend name.</summary>
    public required string Sandbox { get; init; }

    /// <summary>What the sandbox isolated, in words; "unisolated" runs are flagged here.</summary>
    public required string Isolation { get; init; }

    /// <summary>True when the sandbox isolated both filesystem and network.</summary>
    public required bool Isolated { get; init; }

    /// <summary>Host path of the workspace.</summary>
    public required string WorkspacePath { get; init; }

    /// <summary>The session this one replaced through reset.</summary>
    public string? PreviousSessionId { get; init; }

    /// <summary>The agent saw public scores (test-derived signal).</summary>
    public bool SawPublicScores { get; init; }

    /// <summary>Final grading as JSON (a SubmitResult), when graded.</summary>
    public string? FinalJson { get; init; }

    /// <summary>Who played: the agent, experiment and seed labels and the MCP client.</summary>
    public SessionLabels Labels { get; init; } = SessionLabels.None;

    /// <summary>The final grading that <see cref="FinalJson"/> holds; null before the episode was graded.</summary>
    /// <exception cref="System.Text.Json.JsonException">The column does not hold a submit result.</exception>
    public SubmitResult? ReadFinal() => FinalJson is null ? null : DojoJson.Deserialize<SubmitResult>(FinalJson);
}
