using MleDojo.Reports.Html;
using MleDojo.Reports.Plots;

namespace MleDojo.Reports.Tests.Support;

/// <summary>
/// A page built from every block and every plot type, with markup-like names, as the report will compose one.
/// </summary>
public static class SampleReport
{
    public static readonly DateTimeOffset GeneratedAt = new(2026, 3, 14, 15, 9, 26, TimeSpan.Zero);

    public static readonly string[] Agents = ["gpt-mini <tools>", "scripted & co", "random"];

    public static readonly string[] FigureIds = ["best-so-far", "profile", "elo", "medals", "scores"];

    public static BestSoFarPlot BestSoFar()
    {
        double[] steps = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        var first = new CurveSeries(Agents[0], steps,
            [0.62, 0.70, 0.74, 0.76, 0.78, 0.79, 0.80, 0.80, 0.81, 0.81, 0.82],
            [0.58, 0.65, 0.70, 0.72, 0.74, 0.76, 0.77, 0.77, 0.78, 0.78, 0.79],
            [0.66, 0.75, 0.78, 0.80, 0.82, 0.82, 0.83, 0.83, 0.84, 0.84, 0.85]);
        var second = new CurveSeries(Agents[1], steps, [0.60, 0.60, 0.66, 0.70, 0.70, 0.72, 0.75, 0.75, 0.77, 0.77, 0.77]);
        var third = new CurveSeries(Agents[2], [0, 5, 10], [0.50, 0.55, double.NaN]);
        return new BestSoFarPlot("Best score so far: titanic", "accuracy", [first, second, third], Baseline: 0.62, Reference: 0.79);
    }

    public static ProfilePlot Profile() => new(
        "Performance profile",
        [0, 0.05, 0.1, 0.2, 0.4, 0.8],
        [
            new ProfileSeries(Agents[0], [0.5, 0.7, 0.8, 0.9, 1, 1]),
            new ProfileSeries(Agents[1], [0.4, 0.5, 0.7, 0.8, 0.9, 1]),
            new ProfileSeries(Agents[2], [0, 0, 0.1, 0.3, 0.6, 0.8]),
        ]);

    public static IntervalPlot Elo() => new(
        "Elo rating with 95% interval",
        "Elo",
        [
            new IntervalPoint(Agents[0], 1112, 1060, 1170),
            new IntervalPoint(Agents[1], 1030, 975, 1088),
            new IntervalPoint(Agents[2], 858, 790, 921),
        ],
        ReferenceLine: 1000);

    public static BarPlot Medals() => new(
        "Medals",
        "competitions",
        Agents,
        [
            new BarGroup("gold", [3, 1, 0], Color: "#D4A017"),
            new BarGroup("silver", [1, 2, 0], Color: "#A8A9AD"),
            new BarGroup("bronze", [1, 1, 1], Color: "#CD7F32"),
        ],
        Stacked: true);

    public static BarPlot Scores() => new(
        "Mean normalised score",
        "normalised score (mean ± SE)",
        Agents,
        [new BarGroup("mean", [0.81, 0.64, 0.12], [0.04, 0.06, null])],
        Stacked: false);

    /// <summary>The leaderboard: Elo sorts numerically (1112 after 858 as text), score has a dash for NaN.</summary>
    public static HtmlTable Leaderboard() => new HtmlTable(["Agent", "Elo", "Score", "Note"], "Leaderboard")
        .AddRow(Agents[1], HtmlCell.Number(1030), HtmlCell.Number(0.64, "0.00"), "second")
        .AddRow(Agents[0], HtmlCell.Number(1112), HtmlCell.Number(0.81, "0.00"), "first")
        .AddRow(Agents[2], HtmlCell.Number(858), HtmlCell.Number(double.NaN), "third");

    public static HtmlDetails Episode() => new(
        $"{Agents[0]} on titanic: best 0.82 in 10 steps",
        [
            new HtmlParagraph("Step 1: a first model with <b>no</b> tuning."),
            new HtmlCode("import pandas as pd\nif a < b and c > d:\n    print(\"&amp;\")", "run_python → 0.62"),
        ]);

    public static HtmlPage Page()
    {
        var plots = new (string Id, string Caption, string Svg)[]
        {
            (FigureIds[0], "Best public score by step, mean and band over episodes.", BestSoFar().ToSvg(900, 420)),
            (FigureIds[1], "Share of tasks within 10^τ of the best agent.", Profile().ToSvg(900, 380)),
            (FigureIds[2], "Elo ratings; the dashed line is the starting rating.", Elo().ToSvg(900, 300)),
            (FigureIds[3], "Medals per agent.", Medals().ToSvg(900, 300)),
            (FigureIds[4], "Mean normalised score per agent.", Scores().ToSvg(900, 300)),
        };
        return new HtmlPage("Report: <titanic> & friends", GeneratedAt)
            .AddSection("leaderboard", "Leaderboard", Leaderboard())
            .AddSection("plots", "Plots", [.. plots.Select(static plot => new HtmlFigure(plot.Id, plot.Caption, plot.Svg))])
            .AddSection("episodes", "Episodes", Episode());
    }
}
