namespace MleDojo.Reports.Plots;

/// <summary>One row of an interval plot: an estimate and its confidence interval.</summary>
/// <param name="Label">The row's name, usually the agent's.</param>
/// <param name="Value">The estimate.</param>
/// <param name="Lower">The interval's lower end.</param>
/// <param name="Upper">The interval's upper end.</param>
/// <param name="PaletteIndex">The colour's position in the palette; null for the series' own position, so one agent keeps one colour across plots when the caller gives it.</param>
public sealed record IntervalPoint(string Label, double Value, double Lower, double Upper, int? PaletteIndex = null);
