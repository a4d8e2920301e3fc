using ScottPlot;

namespace MleDojo.Reports.Plots;

/// <summary>
/// Estimates with their confidence intervals, one row per agent from the top (Elo ratings with 95% intervals), and a
/// vertical reference line such as the starting rating.
/// </summary>
/// <param name="Title">The plot's title.</param>
/// <param name="ValueLabel">The estimate's name, the x axis label.</param>
/// <param name="Points">One row each, the first at the top.</param>
/// <param name="ReferenceLine">Where to draw the dashed reference line, or null for none.</param>
public sealed record IntervalPlot(string Title, string ValueLabel, IReadOnlyList<IntervalPoint> Points, double? ReferenceLine = null)
{
    /// <summary>The plot as an SVG document of this size in pixels.</summary>
    public string ToSvg(int width, int height)
    {
        using var plot = PlotCanvas.Create(Title, ValueLabel, "");
        var rows = Points.Where(static point => double.IsFinite(point.Value)).ToList();
        var positions = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            // The first row on top, as a ranked table reads.
            positions[i] = rows.Count - 1 - i;
            AddRow(plot, rows[i], positions[i], PlotPalette.At(rows[i].PaletteIndex ?? i));
        }

        if (ReferenceLine is { } reference && double.IsFinite(reference))
        {
            plot.Add.VerticalLine(reference, 1.5f, PlotPalette.Reference, LinePattern.Dashed);
        }

        plot.Axes.Left.SetTicks(positions, [.. rows.Select(static row => row.Label)]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsY(-0.7, Math.Max(rows.Count, 1) - 0.3);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        return PlotCanvas.Render(plot, width, height);
    }

    private static void AddRow(Plot plot, IntervalPoint point, double position, Color color)
    {
        var low = double.IsFinite(point.Lower) ? Math.Min(point.Lower, point.Value) : point.Value;
        var high = double.IsFinite(point.Upper) ? Math.Max(point.Upper, point.Value) : point.Value;
        var bar = plot.Add.ErrorBar([point.Value], [position], [0.0]);
        bar.XErrorNegative = [point.Value - low];
        bar.XErrorPositive = [high - point.Value];
        bar.YErrorNegative = [0.0];
        bar.YErrorPositive = [0.0];
        bar.Color = color;
        bar.LineWidth = 2;
        bar.CapSize = 8;
        plot.Add.Marker(point.Value, position, MarkerShape.FilledCircle, 9, color);
    }
}
