using System.Text.Json.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>Result of end_session: the episode's final record.</summary>
public sealed record EndResult(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("state")] EpisodeState State,
    [property: JsonPropertyName("end_reason")] string? EndReason,
    [property: JsonPropertyName("steps_used")] int StepsUsed,
    [property: JsonPropertyName("best_public_score")] double? BestPublicScore,
    [property: JsonPropertyName("final")] SubmitResult? Final,
    [property: JsonPropertyName("budget")] BudgetStatus Budget)
{
    /// <summary>Who played it: the agent, experiment and seed labels, and the MCP client.</summary>
    [JsonPropertyName("labels")] public SessionLabels Labels { get; init; } = SessionLabels.None;
}
