using System.Text.Json.Serialization;
using MleDojo.Core.Recording;

namespace MleDojo.Core.Sessions;

/// <summary>One recorded call.</summary>
public sealed record HistoryEntry
{
    /// <summary>Sequence number of the call in the session (every call).</summary>
    [JsonPropertyName("seq")] public required int Seq { get; init; }

    /// <summary>Budget step, for validate and execute.</summary>
    [JsonPropertyName("step")] public int? Step { get; init; }

    /// <summary>The action.</summary>
    [JsonPropertyName("action")] public required ActionName Action { get; init; }

    /// <summary>Run status or call outcome.</summary>
    [JsonPropertyName("status")] public required StepStatus Status { get; init; }

    /// <summary>Run id, for runs.</summary>
    [JsonPropertyName("run_id")] public string? RunId { get; init; }

    /// <summary>Public score, for scored executions.</summary>
    [JsonPropertyName("public_score")] public double? PublicScore { get; init; }

    /// <summary>Private score, for submissions.</summary>
    [JsonPropertyName("private_score")] public double? PrivateScore { get; init; }

    /// <summary>Reward of the step.</summary>
    [JsonPropertyName("reward")] public double? Reward { get; init; }

    /// <summary>Duration of a run.</summary>
    [JsonPropertyName("duration_s")] public double? DurationSeconds { get; init; }

    /// <summary>When the call was recorded.</summary>
    [JsonPropertyName("created_at")] public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The entry of a recorded step: what get_history shows of it (not its code or full result).</summary>
    internal static HistoryEntry From(StepRecord step) => new()
    {
        Seq = step.Seq,
        Step = step.Step,
        Action = step.Action,
        Status = step.Status,
        RunId = step.RunId,
        PublicScore = step.PublicScore,
        PrivateScore = step.PrivateScore,
        Reward = step.Reward,
        DurationSeconds = step.DurationSeconds,
        CreatedAt = step.CreatedAt,
    };
}
