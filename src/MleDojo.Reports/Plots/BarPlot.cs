using ScottPlot;

namespace MleDojo.Reports.Plots;

/// <summary>
/// Horizontal bars, one row per category from the top: stacked (gold, silver and bronze medals per agent) or side by
/// side with error bars (mean normalised score ± standard error per agent). Rows rather than columns because the
/// categories are agent names, too long to sit side by side under an axis.
/// </summary>
/// <param name="Title">The plot's title.</param>
/// <param name="ValueLabel">The values' name, the x axis label.</param>
/// <param name="Categories">The rows, the first at the top.</param>
/// <param name="Groups">The series, each with a value per category, coloured by position unless given a colour.</param>
/// <param name="Stacked">True to stack the groups' bars in a row; false to set them side by side.</param>
/// <param name="WholeNumbers">True when the values are counts, so the axis ticks only whole numbers.</param>
public sealed record BarPlot(
    string Title,
    string ValueLabel,
    IReadOnlyList<string> Categories,
    IReadOnlyList<BarGroup> Groups,
    bool Stacked,
    bool WholeNumbers = false)
{
    private const double RowHeight = 0.8;

    /// <summary>The plot as an SVG document of this size in pixels.</summary>
    public string ToSvg(int width, int height)
    {
        using var plot = PlotCanvas.Create(Title, ValueLabel, "");
        if (WholeNumbers)
        {
            plot.Axes.Bottom.TickGenerator = PlotCanvas.WholeNumberTicks();
        }
        var groups = Groups.Where(static group => group.Values.Any(double.IsFinite)).ToList();
        var stackBase = new double[Categories.Count];
        var legend = new List<LegendItem>();
        for (var g = 0; g < groups.Count; g++)
        {
            var color = groups[g].Color is { } hex ? Color.FromHex(hex) : PlotPalette.At(g);
            var bars = BarsOf(groups[g], g, groups.Count, color, stackBase);
            if (bars.Count > 0)
            {
                var added = plot.Add.Bars(bars);
                added.Horizontal = true;
            }

            legend.Add(new LegendItem { LabelText = groups[g].Label, FillColor = color });
        }

        var positions = Enumerable.Range(0, Categories.Count).Select(RowPosition).ToArray();
        plot.Axes.Left.SetTicks(positions, [.. Categories]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        var (low, high) = ValueRange(plot.GetPlottables<ScottPlot.Plottables.BarPlot>().SelectMany(static bars => bars.Bars));
        plot.Axes.SetLimits(low, high, -0.7, Math.Max(Categories.Count, 1) - 0.3);
        if (groups.Count > 1)
        {
            plot.Legend.ManualItems.AddRange(legend);
            plot.ShowLegend(Edge.Right);
        }

        return PlotCanvas.Render(plot, width, height);
    }

    /// <summary>
    /// The value axis: always from zero, since bars are read by their length, with a margin past the longest bar and
    /// its error bar; a unit either side of zero when there is nothing to draw.
    /// </summary>
    private static (double Low, double High) ValueRange(IEnumerable<Bar> bars)
    {
        double low = 0, high = 0;
        foreach (var bar in bars)
        {
            low = Math.Min(low, Math.Min(bar.ValueBase, bar.Value - bar.Error));
            high = Math.Max(high, Math.Max(bar.ValueBase, bar.Value + bar.Error));
        }

        var span = high - low;
        if (span <= 0)
        {
            return (-1, 1);
        }

        return (low < 0 ? low - (span * 0.06) : low, high > 0 ? high + (span * 0.06) : high);
    }

    private double RowPosition(int category) => Categories.Count - 1 - category;

    private List<Bar> BarsOf(BarGroup group, int index, int groupCount, Color color, double[] stackBase)
    {
        var bars = new List<Bar>();
        var slot = Stacked ? RowHeight : RowHeight / groupCount;
        for (var c = 0; c < Math.Min(Categories.Count, group.Values.Count); c++)
        {
            var value = group.Values[c];
            if (!double.IsFinite(value))
            {
                continue;
            }

            var position = Stacked
                ? RowPosition(c)
                : RowPosition(c) + (RowHeight / 2) - (slot * (index + 0.5));
            var valueBase = Stacked ? stackBase[c] : 0;
            var bar = new Bar
            {
                Position = position,
                ValueBase = valueBase,
                Value = valueBase + value,
                Size = slot * 0.92,
                FillColor = color,
                // One line style draws both the outline and the error bar: white parts stacked segments; side by
                // side, dark keeps error bars readable (and outlines alike, bars with errors or not).
                LineWidth = Stacked ? 1 : 1.5f,
                LineColor = Stacked ? Colors.White : Colors.Black.WithAlpha(0.75),
                Orientation = Orientation.Horizontal,
            };
            if (group.Errors is { } errors && c < errors.Count && errors[c] is { } error && double.IsFinite(error) && error > 0)
            {
                bar.Error = error;
                bar.ErrorSize = 0.3;
            }

            if (Stacked)
            {
                stackBase[c] += value;
            }

            bars.Add(bar);
        }

        return bars;
    }
}
