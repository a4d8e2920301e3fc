using System.Text.Json.Serialization;
using MleDojo.Core.Grading;

namespace MleDojo.Core.Sessions;

/// <summary>Result of submit, and of the automatic grading when an episode is truncated or ended.</summary>
public sealed record SubmitResult
{
    /// <summary>Session id.</summary>
    [JsonPropertyName("session_id")] public required string SessionId { get; init; }

    /// <summary>The execute_code step whose submission was graded.</summary>
    [JsonPropertyName("step")] public required int Step { get; init; }

    /// <summary>Score on the private test rows.</summary>
    [JsonPropertyName("private_score")] public double? PrivateScore { get; init; }

    /// <summary>Score on the public test rows.</summary>
    [JsonPropertyName("public_score")] public double? PublicScore { get; init; }

    /// <summary>Leaderboard position score, where a leaderboard exists.</summary>
    [JsonPropertyName("position_score")] public double? PositionScore { get; init; }

    /// <summary>Medal, where a leaderboard exists.</summary>
    [JsonPropertyName("medal")] public string? Medal { get; init; }

    /// <summary>Normalised score between baseline (0) and reference (1).</summary>
    [JsonPropertyName("normalized_score")] public double? NormalizedScore { get; init; }

    /// <summary>Submitted by the agent, or chosen automatically at truncation or end.</summary>
    [JsonPropertyName("automatic")] public required bool Automatic { get; init; }

    /// <summary>The episode ended because the task finished.</summary>
    [JsonPropertyName("terminated")] public required bool Terminated { get; init; }

    /// <summary>The episode ended because a budget ran out.</summary>
    [JsonPropertyName("truncated")] public required bool Truncated { get; init; }

    /// <summary>The agent saw public (test-derived) scores during the episode.</summary>
    [JsonPropertyName("saw_public_scores")] public required bool SawPublicScores { get; init; }

    /// <summary>The full MLE-bench-style report.</summary>
    [JsonPropertyName("report")] public required GradeReport Report { get; init; }

    /// <summary>Remaining budget.</summary>
    [JsonPropertyName("budget")] public required BudgetStatus Budget { get; init; }
}
