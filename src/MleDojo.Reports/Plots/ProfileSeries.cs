namespace MleDojo.Reports.Plots;

/// <summary>One agent's performance profile: the share of tasks it solves within each τ of the best.</summary>
/// <param name="Label">The legend text, usually the agent's name.</param>
/// <param name="Rho">ρ(τ) for each τ of the plot, between 0 and 1; a non-finite value leaves its point out.</param>
public sealed record ProfileSeries(string Label, IReadOnlyList<double> Rho);
