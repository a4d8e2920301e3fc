using ScottPlot;

namespace MleDojo.Reports.Plots;

/// <summary>
/// Performance profiles (Dolan and Moré): for each agent, the share ρ(τ) of tasks on which its score is within a
/// factor of 10^τ of the best agent's, as a step line over τ.
/// </summary>
/// <param name="Title">The plot's title.</param>
/// <param name="Tau">The τ values shared by every series, the x axis.</param>
/// <param name="Series">One profile per agent, coloured by position.</param>
public sealed record ProfilePlot(string Title, IReadOnlyList<double> Tau, IReadOnlyList<ProfileSeries> Series)
{
    /// <summary>The x axis label.</summary>
    public const string TauLabel = "τ (log10 of ratio to best)";

    /// <summary>The plot as an SVG document of this size in pixels.</summary>
    public string ToSvg(int width, int height)
    {
        using var plot = PlotCanvas.Create(Title, TauLabel, "ρ(τ) (share of tasks)");
        for (var i = 0; i < Series.Count; i++)
        {
            var (xs, ys) = FinitePoints.Of(Tau, Series[i].Rho);
            if (xs.Length == 0)
            {
                continue;
            }

            var line = plot.Add.ScatterLine(xs, ys, PlotPalette.At(Series[i].PaletteIndex ?? i));
            // ρ is a cumulative share: it holds its value until the next τ, so steps, not slopes.
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2;
            line.LegendText = Series[i].Label;
            line.MarkerSize = xs.Length == 1 ? 7 : 0;
        }

        // A share lives in [0, 1] whatever the data; the margin keeps lines at 0 and 1 off the frame.
        plot.Axes.AutoScaleX();
        plot.Axes.SetLimitsY(-0.03, 1.03);
        PlotCanvas.LegendOnRight(plot);
        return PlotCanvas.Render(plot, width, height);
    }
}
