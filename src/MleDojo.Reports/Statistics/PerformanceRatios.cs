namespace MleDojo.Reports.Statistics;

/// <summary>
/// One task's performance ratios as MLGym's calculate_performance_ratios computes them (scripts/evaluation/get_ranks.py),
/// with the cases where MLGym divides by zero or finds no feasible score decided here.
/// </summary>
internal static class PerformanceRatios
{
    /// <summary>
    /// The ratio r ≥ 1 of each method in <paramref name="methods"/> (1 is the best on the task), and the task's
    /// suggestion for the grid's end, ceil(factor · worst ratio), from which MLGym takes τ_max.
    /// </summary>
    public static (double[] Ratios, double SuitableTau) Compute(AupTask task, IReadOnlyList<string> methods, double factor)
    {
        double?[] scores = methods.Select(method => Score(task, method)).ToArray();
        bool[] feasible = scores.Select(score => score is { } value && IsFeasible(task, value)).ToArray();

        // MLGym always has the baseline among its methods, and it is feasible unless negative (it is not worse than
        // itself), so it enters the best and the worst whether or not the caller lists it as a method: a method's
        // ratio does not change when the baseline row is shown.
        var participants = new List<double>();
        for (int m = 0; m < methods.Count; m++)
        {
            if (feasible[m])
            {
                participants.Add(scores[m]!.Value);
            }
        }

        if (task.Baseline >= 0)
        {
            participants.Add(task.Baseline);
        }

        // Nobody feasible (only possible with a negative baseline): MLGym's ratios are all NaN and it crashes; here
        // every method is equally infeasible and gets factor · 1, as with a single feasible method.
        if (participants.Count == 0)
        {
            return (methods.Select(_ => factor).ToArray(), Math.Ceiling(factor));
        }

        double best = task.HigherIsBetter ? participants.Max() : participants.Min();
        double worst = 1;
        foreach (double score in participants)
        {
            double ratio = Ratio(task, best, score);
            if (double.IsFinite(ratio))
            {
                worst = Math.Max(worst, ratio);
            }
        }

        double[] ratios = new double[methods.Count];
        for (int m = 0; m < methods.Count; m++)
        {
            double ratio = feasible[m] ? Ratio(task, best, scores[m]!.Value) : double.NaN;

            // An infinite ratio (a zero score against a positive best, or any score against a best of zero when lower
            // is better) is where MLGym's division fails; such a method is as far from the best as an infeasible one.
            ratios[m] = double.IsFinite(ratio) ? ratio : factor * worst;
        }

        return (ratios, Math.Ceiling(factor * worst));
    }

    private static double? Score(AupTask task, string method) =>
        task.Scores.TryGetValue(method, out double? score) && score is { } value && double.IsFinite(value) ? value : null;

    // MLGym's test, negated: a negative score is infeasible in either direction, and reaching the baseline exactly
    // is enough.
    private static bool IsFeasible(AupTask task, double score) =>
        score >= 0 && (task.HigherIsBetter ? score >= task.Baseline : score <= task.Baseline);

    private static double Ratio(AupTask task, double best, double score)
    {
        // Exactly 1 for the best, so a best of 0 is not 0 / 0.
        if (score == best)
        {
            return 1;
        }

        return task.HigherIsBetter ? best / score : score / best;
    }
}
