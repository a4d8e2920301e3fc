using System.Text.Json.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>Result of start_session and reset.</summary>
public sealed record SessionStarted
{
    /// <summary>The id to pass to every other call.</summary>
    [JsonPropertyName("session_id")] public required string SessionId { get; init; }

    /// <summary>Competition id.</summary>
    [JsonPropertyName("competition_id")] public required string CompetitionId { get; init; }

    /// <summary>Competition title.</summary>
    [JsonPropertyName("title")] public required string Title { get; init; }

    /// <summary>Metric name and direction.</summary>
    [JsonPropertyName("metric")] public required string Metric { get; init; }

    /// <summary>True when higher scores are better.</summary>
    [JsonPropertyName("higher_is_better")] public required bool HigherIsBetter { get; init; }

    /// <summary>Budgets of this episode.</summary>
    [JsonPropertyName("budget")] public required BudgetStatus Budget { get; init; }

    /// <summary>Paths as agent code sees them.</summary>
    [JsonPropertyName("workspace")] public required WorkspaceLayout Workspace { get; init; }

    /// <summary>The competition description.</summary>
    [JsonPropertyName("overview")] public required string Overview { get; init; }

    /// <summary>Sandbox backend and what it isolates.</summary>
    [JsonPropertyName("sandbox")] public required string Sandbox { get; init; }

    /// <summary>The episode this one replaced (reset), if any.</summary>
    [JsonPropertyName("previous_session_id")] public string? PreviousSessionId { get; init; }

    /// <summary>Who plays it: the agent, experiment and seed labels given here, and the MCP client.</summary>
    [JsonPropertyName("labels")] public SessionLabels Labels { get; init; } = SessionLabels.None;

    /// <summary>
    /// <c>queued</c> when the session waits for its sandbox (a busy Slurm cluster): runs are refused and its clock has
    /// not started until get_history says <c>active</c>. Absent when the session is active at once.
    /// </summary>
    [JsonPropertyName("state")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EpisodeState? State { get; init; }

    /// <summary>While queued: the job it waits as, and why it waits. Absent when the session is active.</summary>
    [JsonPropertyName("queue")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public QueueStatus? Queue { get; init; }
}
