namespace MleDojo.Reports.Statistics;

/// <summary>The grid and penalty of <see cref="Aup.Compute"/>; the defaults are MLGym's.</summary>
public sealed record AupOptions
{
    /// <summary>How many τ values the grid has, from 0 to τ_max inclusive (MLGym: 500). At least 2.</summary>
    public int GridPoints { get; init; } = 500;

    /// <summary>
    /// The ratio an infeasible method (or one with no valid score) gets, as a multiple of the worst feasible ratio on
    /// the task (MLGym: 1 + ε with ε = 0.05). At least 1, so such a method never ranks above a feasible one.
    /// </summary>
    public double InfeasibleFactor { get; init; } = 1.05;

    /// <summary>
    /// The grid's upper end in log10 ratio units; null takes MLGym's: ceil(10 · log10(max over tasks of
    /// ceil(InfeasibleFactor · worst ratio))) / 10. Fix it to compare areas across reports with different tasks.
    /// </summary>
    public double? TauMax { get; init; }
}
