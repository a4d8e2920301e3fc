namespace MleDojo.Reports.Plots;

/// <summary>One agent's performance profile: the share of tasks it solves within each τ of the best.</summary>
/// <param name="Label">The legend text, usually the agent's name.</param>
/// <param name="Rho">ρ(τ) for each τ of the plot, between 0 and 1; a non-finite value leaves its point out.</param>
/// <param name="PaletteIndex">The colour's position in the palette; null for the series' own position, so one agent keeps one colour across plots when the caller gives it.</param>
public sealed record ProfileSeries(string Label, IReadOnlyList<double> Rho, int? PaletteIndex = null);
