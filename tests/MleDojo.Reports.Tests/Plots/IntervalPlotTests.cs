using MleDojo.Reports.Plots;
using MleDojo.Reports.Tests.Support;

namespace MleDojo.Reports.Tests.Plots;

public sealed class IntervalPlotTests
{
    [Fact]
    public void ToSvg_Points_RowLabelsAndValueAxisAreText()
    {
        var svg = new SvgDocument(SampleReport.Elo().ToSvg(800, 300));

        Assert.Contains("Elo rating with 95% interval", svg.Texts);
        Assert.Contains("Elo", svg.Texts);
        Assert.All(SampleReport.Agents, agent => Assert.Contains(agent, svg.Texts));
        // Ratings read as numbers, not "1,000".
        Assert.Contains("1000", svg.Texts);
        Assert.DoesNotContain(svg.Texts, static text => text.Contains(','));
    }

    [Fact]
    public void ToSvg_SameInput_IsByteIdentical()
    {
        Assert.Equal(SampleReport.Elo().ToSvg(500, 300), SampleReport.Elo().ToSvg(500, 300));
    }

    [Fact]
    public void ToSvg_NaNValueAndInvertedOrInfiniteInterval_RowSkippedOrClampedWithoutThrowing()
    {
        var plot = new IntervalPlot("t", "v",
        [
            new IntervalPoint("nan", double.NaN, 0, 1),
            new IntervalPoint("inverted", 5, 7, 3),
            new IntervalPoint("unbounded", 5, double.NegativeInfinity, double.NaN),
        ], ReferenceLine: double.NaN);

        var svg = new SvgDocument(plot.ToSvg(400, 300));

        Assert.DoesNotContain("nan", svg.Texts);
        Assert.Contains("inverted", svg.Texts);
        Assert.Contains("unbounded", svg.Texts);
    }

    [Fact]
    public void ToSvg_NoPoints_RendersTitle()
    {
        Assert.Contains("empty", new SvgDocument(new IntervalPlot("empty", "v", [], 1000).ToSvg(400, 300)).Texts);
    }
}
