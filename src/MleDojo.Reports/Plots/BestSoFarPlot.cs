using ScottPlot;

namespace MleDojo.Reports.Plots;

/// <summary>
/// The best score so far against the step, a line per agent with its band across episodes, and the competition's
/// baseline and reference scores as dashed lines.
/// </summary>
/// <param name="Title">The plot's title.</param>
/// <param name="Metric">The score's name, the y axis label.</param>
/// <param name="Series">One curve per agent, coloured by position.</param>
/// <param name="Baseline">The baseline score, or null for no line.</param>
/// <param name="Reference">The reference solution's score, or null for no line.</param>
public sealed record BestSoFarPlot(
    string Title,
    string Metric,
    IReadOnlyList<CurveSeries> Series,
    double? Baseline = null,
    double? Reference = null)
{
    /// <summary>The plot as an SVG document of this size in pixels.</summary>
    public string ToSvg(int width, int height)
    {
        using var plot = PlotCanvas.Create(Title, "step", Metric);
        plot.Axes.Bottom.TickGenerator = PlotCanvas.WholeNumberTicks();
        for (var i = 0; i < Series.Count; i++)
        {
            AddCurve(plot, Series[i], PlotPalette.At(Series[i].PaletteIndex ?? i));
        }

        AddLevel(plot, Baseline, "baseline", LinePattern.Dashed);
        AddLevel(plot, Reference, "reference", LinePattern.DenselyDashed);
        PlotCanvas.LegendOnRight(plot);
        return PlotCanvas.Render(plot, width, height);
    }

    private static void AddCurve(Plot plot, CurveSeries series, Color color)
    {
        var (xs, ys) = FinitePoints.Of(series.Steps, series.Mean);
        if (xs.Length == 0)
        {
            return;
        }

        if (series.Lower is not null && series.Upper is not null)
        {
            var band = FinitePoints.Band(series.Steps, series.Lower, series.Upper);
            if (band.Length > 0)
            {
                var fill = plot.Add.FillY(band, static point => point);
                fill.FillColor = color.WithAlpha(0.18);
                fill.LineWidth = 0;
                fill.MarkerSize = 0;
            }
        }

        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LineWidth = 2;
        line.LegendText = series.Label;
        // The best so far holds until a step beats it: a staircase, not a slope between scored steps.
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        // A lone point has no line to show; a marker keeps it visible.
        line.MarkerSize = xs.Length == 1 ? 7 : 0;
    }

    private static void AddLevel(Plot plot, double? level, string label, LinePattern pattern)
    {
        if (level is not { } value || !double.IsFinite(value))
        {
            return;
        }

        var line = plot.Add.HorizontalLine(value, 1.5f, PlotPalette.Reference, pattern);
        line.LegendText = label;
        line.Text = label;
        line.LabelOppositeAxis = true;
        line.LabelFontSize = 11;
        line.LabelBackgroundColor = PlotPalette.Reference;
        line.LabelFontColor = Colors.White;
    }
}
