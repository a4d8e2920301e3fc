namespace MleDojo.Reports.Statistics;

/// <summary>
/// The area under the performance profile (AUP) of MLGym (Nathani et al., 2025), computed as its
/// scripts/evaluation/get_ranks.py does.
/// </summary>
/// <remarks>
/// <para>
/// Per task, a method is feasible when its score is a finite number, not negative, and not worse than the baseline
/// (equal is enough, so the baseline is feasible against itself). The best score b is over the feasible methods and the
/// baseline (MLGym always counts the baseline as a method). A feasible method's ratio is r = b / score when higher is
/// better and r = score / b when lower is better; an infeasible method, or one without a valid score, gets
/// r = InfeasibleFactor (1.05) times the worst feasible ratio on that task.
/// </para>
/// <para>
/// τ_max = ceil(10 · log10(max over tasks of ceil(1.05 · worst ratio))) / 10; the grid is G = 500 evenly spaced points
/// from 0 to τ_max; ρ_m(τ) is the share of tasks with log10(r_m) ≤ τ; and the area is the left step sum
/// Σ_{i &lt; G-1} (τ_{i+1} - τ_i) · ρ_m(τ_i). MLGym rounds the area to 3 decimals for its table; this does not.
/// </para>
/// <para>
/// Decided here where MLGym divides by zero or crashes: a score equal to the best has ratio exactly 1 (even 0 / 0); a
/// ratio that would be infinite (a zero score when higher is better, any positive score against a best of 0 when lower
/// is better) is treated as infeasible and left out of the worst ratio; and a task with no feasible score at all (only
/// possible with a negative baseline) gives every method ratio 1.05. A non-finite score counts as no valid score.
/// </para>
/// </remarks>
public static class Aup
{
    /// <summary>Every method's performance profile over <paramref name="tasks"/> and the area under it.</summary>
    /// <param name="tasks">The tasks; the methods are every name that appears in any task's scores.</param>
    /// <param name="options">The grid size, the infeasible factor and an optional fixed τ_max; null for MLGym's defaults.</param>
    /// <returns>The τ grid and the profiles, largest area first (equal areas by ordinal name).</returns>
    /// <exception cref="ArgumentException">
    /// There are no tasks or no methods, a baseline is not a finite number, or an option is out of range.
    /// </exception>
    public static AupResult Compute(IReadOnlyList<AupTask> tasks, AupOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        options ??= new AupOptions();
        Validate(tasks, options);
        string[] methods = tasks.SelectMany(task => task.Scores.Keys)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (methods.Length == 0)
        {
            throw new ArgumentException("AUP needs at least one method with a score entry; no task lists any.", nameof(tasks));
        }

        var ratios = new double[tasks.Count][];
        double largestSuitable = 0;
        for (int t = 0; t < tasks.Count; t++)
        {
            (ratios[t], double suitable) = PerformanceRatios.Compute(tasks[t], methods, options.InfeasibleFactor);
            largestSuitable = Math.Max(largestSuitable, suitable);
        }

        double tauMax = options.TauMax ?? (Math.Ceiling(Math.Log10(largestSuitable) * 10) / 10);
        double[] tau = Grid(tauMax, options.GridPoints);
        AupProfile[] profiles = methods
            .Select((method, m) => Profile(method, ratios.Select(task => task[m]).ToArray(), tau))
            .OrderByDescending(profile => profile.Area)
            .ToArray();
        return new AupResult(tau, profiles);
    }

    // numpy.linspace(0, tauMax, points): i · step, with the last point exactly tauMax.
    private static double[] Grid(double tauMax, int points)
    {
        double step = tauMax / (points - 1);
        double[] tau = new double[points];
        for (int i = 0; i < points - 1; i++)
        {
            tau[i] = i * step;
        }

        tau[^1] = tauMax;
        return tau;
    }

    private static AupProfile Profile(string method, double[] ratios, double[] tau)
    {
        double[] logRatios = ratios.Select(Math.Log10).ToArray();
        double[] rho = new double[tau.Length];
        for (int i = 0; i < tau.Length; i++)
        {
            rho[i] = (double)logRatios.Count(logRatio => logRatio <= tau[i]) / ratios.Length;
        }

        double area = 0;
        for (int i = 0; i < tau.Length - 1; i++)
        {
            area += (tau[i + 1] - tau[i]) * rho[i];
        }

        return new AupProfile(method, area, rho);
    }

    private static void Validate(IReadOnlyList<AupTask> tasks, AupOptions options)
    {
        if (tasks.Count == 0)
        {
            throw new ArgumentException("AUP needs at least one task.", nameof(tasks));
        }

        foreach (AupTask task in tasks)
        {
            if (!double.IsFinite(task.Baseline))
            {
                throw new ArgumentException($"Task '{task.Task}' has a baseline that is not a finite number.", nameof(tasks));
            }
        }

        if (options.GridPoints < 2)
        {
            throw new ArgumentException("AupOptions.GridPoints must be at least 2.", nameof(options));
        }

        if (!(double.IsFinite(options.InfeasibleFactor) && options.InfeasibleFactor >= 1))
        {
            throw new ArgumentException("AupOptions.InfeasibleFactor must be a finite number of at least 1.", nameof(options));
        }

        if (options.TauMax is { } tauMax && !(double.IsFinite(tauMax) && tauMax > 0))
        {
            throw new ArgumentException("AupOptions.TauMax must be a finite positive number when given.", nameof(options));
        }
    }
}
