using System.Text.Json.Serialization;

namespace MleDojo.Server.Dashboard;

/// <summary>What an episode has used of each budget and what it may use: the session page's gauges.</summary>
internal sealed record BudgetGauges
{
    /// <summary>Budget steps used.</summary>
    [JsonPropertyName("steps_used")] public required int StepsUsed { get; init; }

    /// <summary>Budget steps allowed.</summary>
    [JsonPropertyName("max_steps")] public required int MaxSteps { get; init; }

    /// <summary>Wall-clock seconds the episode may last.</summary>
    [JsonPropertyName("episode_timeout_s")] public required int EpisodeTimeoutSeconds { get; init; }

    /// <summary>Wall-clock seconds left; 0 once the episode has ended.</summary>
    [JsonPropertyName("time_left_s")] public required double TimeLeftSeconds { get; init; }

    /// <summary>Final submissions allowed.</summary>
    [JsonPropertyName("max_submissions")] public required int MaxSubmissions { get; init; }

    /// <summary>Final submissions made.</summary>
    [JsonPropertyName("submissions_used")] public required int SubmissionsUsed { get; init; }
}
