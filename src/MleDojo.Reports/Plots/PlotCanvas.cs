using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace MleDojo.Reports.Plots;

/// <summary>The look every report plot shares, and its rendering to normalised SVG.</summary>
internal static class PlotCanvas
{
    /// <summary>
    /// A sans-serif family Skia can measure. ScottPlot's own default resolves to a serif face on Debian, which reads
    /// poorly at tick-label sizes; the first installed of these is used instead.
    /// </summary>
    private static readonly Lazy<string> FontFamily = new(() =>
        new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica" }.FirstOrDefault(IsInstalled) ?? Fonts.Sans);

    // Skia substitutes a face for a missing family, so the family asked for is compared with the one found.
    private static bool IsInstalled(string family) =>
        string.Equals(Fonts.GetTypeface(family, bold: false, italic: false)?.FamilyName, family, StringComparison.OrdinalIgnoreCase);

    /// <summary>A plot with the report's font, title and axis labels.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontFamily.Value);
        plot.Title(title, 16);
        plot.XLabel(xLabel, 13);
        plot.YLabel(yLabel, 13);
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = TickLabel };
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = TickLabel };
        return plot;
    }

    /// <summary>Ticks at whole numbers only, for steps and counts.</summary>
    public static NumericAutomatic WholeNumberTicks() => new() { LabelFormatter = TickLabel, IntegerTicksOnly = true };

    /// <summary>
    /// A tick's text: invariant, without ScottPlot's thousands separators (an Elo of 1,050 reads like a list), and
    /// without the "-0" that rounding leaves next to zero.
    /// </summary>
    internal static string TickLabel(double value)
    {
        var text = value.ToString("0.######", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    /// <summary>A legend in its own panel right of the data, so it never covers a line.</summary>
    public static void LegendOnRight(Plot plot)
    {
        if (plot.Legend.GetItems().Length > 0)
        {
            plot.ShowLegend(Edge.Right);
            plot.Legend.FontSize = 12;
        }
    }

    /// <summary>The plot as an SVG document, the same text for the same plot.</summary>
    public static string Render(Plot plot, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        return SvgNormalizer.Normalize(plot.GetSvgXml(width, height));
    }
}
