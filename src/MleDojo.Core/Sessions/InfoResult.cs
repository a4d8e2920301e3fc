using System.Text.Json.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>Result of request_info.</summary>
public sealed record InfoResult(
    [property: JsonPropertyName("info_type")] string InfoType,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("budget")] BudgetStatus Budget)
{
    /// <summary><c>queued</c> while the session waits for its sandbox (runs are refused, the clock has not started); absent once active.</summary>
    [JsonPropertyName("state")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EpisodeState? State { get; init; }

    /// <summary>While queued: the job the session waits as, and why it waits. Absent otherwise.</summary>
    [JsonPropertyName("queue")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public QueueStatus? Queue { get; init; }
}
