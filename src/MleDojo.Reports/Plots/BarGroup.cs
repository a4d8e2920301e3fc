namespace MleDojo.Reports.Plots;

/// <summary>One series of a bar plot: a value per category (gold medals per agent, or mean score per agent).</summary>
/// <param name="Label">The legend text.</param>
/// <param name="Values">One value per category, in the plot's category order; a non-finite value draws no bar.</param>
/// <param name="Errors">An error bar's half-length per category, null for none (all or per category).</param>
/// <param name="Color">
/// A fixed colour as <c>#RRGGBB</c> where the series has a conventional one (gold, silver, bronze); null takes the
/// palette's colour for the series' position.
/// </param>
public sealed record BarGroup(
    string Label,
    IReadOnlyList<double> Values,
    IReadOnlyList<double?>? Errors = null,
    string? Color = null);
