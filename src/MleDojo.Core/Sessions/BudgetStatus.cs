using System.Text.Json.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>What is left of each budget; carried by every result.</summary>
public sealed record BudgetStatus
{
    /// <summary>Steps allowed.</summary>
    [JsonPropertyName("max_steps")] public required int MaxSteps { get; init; }

    /// <summary>Steps used (validate and execute).</summary>
    [JsonPropertyName("steps_used")] public required int StepsUsed { get; init; }

    /// <summary>Steps left.</summary>
    [JsonPropertyName("steps_remaining")] public int StepsRemaining => Math.Max(0, MaxSteps - StepsUsed);

    /// <summary>Per-run timeout.</summary>
    [JsonPropertyName("run_timeout_s")] public required int RunTimeoutSeconds { get; init; }

    /// <summary>Episode wall-clock budget.</summary>
    [JsonPropertyName("episode_timeout_s")] public required int EpisodeTimeoutSeconds { get; init; }

    /// <summary>Wall-clock seconds left in the episode.</summary>
    [JsonPropertyName("episode_remaining_s")] public required double EpisodeRemainingSeconds { get; init; }

    /// <summary>Runs currently going.</summary>
    [JsonPropertyName("runs_in_flight")] public required int RunsInFlight { get; init; }

    /// <summary>Runs allowed at once.</summary>
    [JsonPropertyName("max_runs_in_flight")] public required int MaxRunsInFlight { get; init; }

    /// <summary>Memory per run.</summary>
    [JsonPropertyName("memory_mb")] public required int MemoryMegabytes { get; init; }

    /// <summary>CPUs per run.</summary>
    [JsonPropertyName("cpus")] public required double Cpus { get; init; }

    /// <summary>Final submissions left.</summary>
    [JsonPropertyName("submissions_remaining")] public required int SubmissionsRemaining { get; init; }
}
