namespace MleDojo.Reports.Plots;

/// <summary>One agent's curve: a mean per step and, when known, the band it varies in across episodes.</summary>
/// <param name="Label">The legend text, usually the agent's name.</param>
/// <param name="Steps">The x values, one per point.</param>
/// <param name="Mean">The y values, one per step; a non-finite value leaves its point out.</param>
/// <param name="Lower">The band's lower edge per step, or null for no band.</param>
/// <param name="Upper">The band's upper edge per step, or null for no band.</param>
/// <param name="PaletteIndex">The colour's position in the palette; null for the series' own position, so one agent keeps one colour across plots when the caller gives it.</param>
public sealed record CurveSeries(
    string Label,
    IReadOnlyList<double> Steps,
    IReadOnlyList<double> Mean,
    IReadOnlyList<double>? Lower = null,
    IReadOnlyList<double>? Upper = null,
    int? PaletteIndex = null);
