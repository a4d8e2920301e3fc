using System.Text.Json.Serialization;

namespace MleDojo.Server.Dashboard;

/// <summary>One session as its dashboard page shows it, and as <c>/api/sessions/{id}</c> returns it.</summary>
internal sealed record SessionDetail
{
    /// <summary>The list row: state, steps, best score, time left.</summary>
    [JsonPropertyName("summary")] public required SessionSummary Summary { get; init; }

    /// <summary>The budgets, for the gauges.</summary>
    [JsonPropertyName("budget")] public required BudgetGauges Budget { get; init; }

    /// <summary>Whether a larger score is better; null for a competition this server no longer knows.</summary>
    [JsonPropertyName("higher_is_better")] public bool? HigherIsBetter { get; init; }

    /// <summary>The metric's name, for the chart's axis.</summary>
    [JsonPropertyName("metric")] public string? Metric { get; init; }

    /// <summary>Why the episode ended, once it has.</summary>
    [JsonPropertyName("end_reason")] public string? EndReason { get; init; }

    /// <summary>Every recorded call, in order.</summary>
    [JsonPropertyName("calls")] public required IReadOnlyList<CallView> Calls { get; init; }

    /// <summary>The best public score after each scored step: the chart's points.</summary>
    [JsonPropertyName("best_so_far")] public required IReadOnlyList<ScorePoint> BestSoFar { get; init; }
}

/// <summary>A point of the best-so-far curve.</summary>
/// <param name="Step">The budget step.</param>
/// <param name="Score">The best public score up to and including it.</param>
internal sealed record ScorePoint([property: JsonPropertyName("step")] int Step, [property: JsonPropertyName("score")] double Score);
