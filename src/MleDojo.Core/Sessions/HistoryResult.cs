using System.Text.Json.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>Result of get_history.</summary>
public sealed record HistoryResult(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("competition_id")] string CompetitionId,
    [property: JsonPropertyName("state")] EpisodeState State,
    [property: JsonPropertyName("best_public_score")] double? BestPublicScore,
    [property: JsonPropertyName("steps")] IReadOnlyList<HistoryEntry> Steps,
    [property: JsonPropertyName("budget")] BudgetStatus Budget)
{
    /// <summary>Who played it: the agent, experiment and seed labels, and the MCP client.</summary>
    [JsonPropertyName("labels")] public SessionLabels Labels { get; init; } = SessionLabels.None;

    /// <summary>While the state is <c>queued</c>: the job the session waits as, and why it waits. Absent otherwise.</summary>
    [JsonPropertyName("queue")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public QueueStatus? Queue { get; init; }
}
