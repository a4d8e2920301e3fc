using ScottPlot;

namespace MleDojo.Reports.Plots;

/// <summary>
/// Paul Tol's "vibrant" scheme, safe for the common colour-vision deficiencies and legible as thin lines on white.
/// Fixed here rather than taken from ScottPlot so a library update cannot recolour reports.
/// </summary>
internal static class PlotPalette
{
    private static readonly Color[] Colors =
    [
        Color.FromHex("#0077BB"),
        Color.FromHex("#EE7733"),
        Color.FromHex("#009988"),
        Color.FromHex("#CC3311"),
        Color.FromHex("#33BBEE"),
        Color.FromHex("#EE3377"),
        Color.FromHex("#000000"),
        Color.FromHex("#BBBBBB"),
    ];

    /// <summary>The colour of the series at this position; positions past the scheme wrap around.</summary>
    public static Color At(int index) => Colors[index % Colors.Length];

    /// <summary>Reference lines: neutral, so they never read as another agent.</summary>
    public static Color Reference => Color.FromHex("#555555");
}
