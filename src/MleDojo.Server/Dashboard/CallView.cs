using System.Text.Json.Serialization;

namespace MleDojo.Server.Dashboard;

/// <summary>One recorded call on the session page's timeline.</summary>
internal sealed record CallView
{
    /// <summary>Sequence number of the call in the session.</summary>
    [JsonPropertyName("seq")] public required int Seq { get; init; }

    /// <summary>Budget step, for validate_code and execute_code.</summary>
    [JsonPropertyName("step")] public int? Step { get; init; }

    /// <summary>The tool called, by its wire name.</summary>
    [JsonPropertyName("action")] public required string Action { get; init; }

    /// <summary>The run's status or the call's outcome, by its wire name.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }

    /// <summary>The script, for runs.</summary>
    [JsonPropertyName("code")] public string? Code { get; init; }

    /// <summary>The start and end of what the run printed, for runs that have finished.</summary>
    [JsonPropertyName("output")] public OutputExcerpt? Output { get; init; }

    /// <summary>Public score, for scored executions.</summary>
    [JsonPropertyName("public_score")] public double? PublicScore { get; init; }

    /// <summary>Private score, for submissions.</summary>
    [JsonPropertyName("private_score")] public double? PrivateScore { get; init; }

    /// <summary>The step's reward.</summary>
    [JsonPropertyName("reward")] public double? Reward { get; init; }

    /// <summary>How long the run took.</summary>
    [JsonPropertyName("duration_s")] public double? DurationSeconds { get; init; }

    /// <summary>When the call was recorded.</summary>
    [JsonPropertyName("created_at")] public required DateTimeOffset CreatedAt { get; init; }
}
