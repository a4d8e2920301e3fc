namespace MleDojo.Reports.Statistics;

/// <summary>One task of an AUP computation: its metric direction, its baseline and each method's score.</summary>
/// <param name="Task">The task's name.</param>
/// <param name="HigherIsBetter">The metric's direction.</param>
/// <param name="Baseline">
/// The baseline's score, the bar a method must reach to count as feasible. To rank the baseline itself, also put it in
/// <paramref name="Scores"/> (MLGym names it "baseline").
/// </param>
/// <param name="Scores">Each method's score; null (or a method left out) means no valid score on this task.</param>
public sealed record AupTask(
    string Task,
    bool HigherIsBetter,
    double Baseline,
    IReadOnlyDictionary<string, double?> Scores);
