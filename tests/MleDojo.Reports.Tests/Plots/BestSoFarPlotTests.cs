using MleDojo.Reports.Plots;
using MleDojo.Reports.Tests.Support;

namespace MleDojo.Reports.Tests.Plots;

public sealed class BestSoFarPlotTests
{
    [Fact]
    public void ToSvg_Series_TitleAxesLegendAndLevelsAreText()
    {
        var svg = new SvgDocument(SampleReport.BestSoFar().ToSvg(800, 400));

        Assert.Contains("Best score so far: titanic", svg.Texts);
        Assert.Contains("step", svg.Texts);
        Assert.Contains("accuracy", svg.Texts);
        Assert.Contains("gpt-mini <tools>", svg.Texts);
        Assert.Contains("scripted & co", svg.Texts);
        Assert.Contains("random", svg.Texts);
        // Each level is named on its line and in the legend.
        Assert.Equal(2, svg.Texts.Count(static text => text == "baseline"));
        Assert.Equal(2, svg.Texts.Count(static text => text == "reference"));
        Assert.Equal("800", svg.Root.Attribute("width")?.Value);
        Assert.Equal("400", svg.Root.Attribute("height")?.Value);
    }

    [Fact]
    public void ToSvg_SeriesWithBand_DrawsTranslucentFill()
    {
        var svg = SampleReport.BestSoFar().ToSvg(800, 400);

        Assert.Contains("fill-opacity=", svg);
    }

    [Fact]
    public void ToSvg_SameInput_IsByteIdentical()
    {
        Assert.Equal(SampleReport.BestSoFar().ToSvg(640, 360), SampleReport.BestSoFar().ToSvg(640, 360));
    }

    [Fact]
    public void ToSvg_EmptyAndNaNSeries_SkippedWithoutThrowing()
    {
        var plot = new BestSoFarPlot("t", "m",
        [
            new CurveSeries("empty", [], []),
            new CurveSeries("all-nan", [1, 2], [double.NaN, double.NaN], [double.NaN, 0], [1, double.NaN]),
            new CurveSeries("kept", [1, 2], [0.5, 0.6]),
        ]);

        var svg = new SvgDocument(plot.ToSvg(400, 300));

        Assert.Contains("kept", svg.Texts);
        Assert.DoesNotContain("empty", svg.Texts);
        Assert.DoesNotContain("all-nan", svg.Texts);
    }

    [Theory]
    [MemberData(nameof(Degenerate))]
    public void ToSvg_DegenerateData_RendersTitle(string title, CurveSeries[] series)
    {
        var svg = new SvgDocument(new BestSoFarPlot(title, "m", series, 0.5, 0.5).ToSvg(400, 300));

        Assert.Contains(title, svg.Texts);
    }

    public static TheoryData<string, CurveSeries[]> Degenerate() => new()
    {
        { "no series", [] },
        { "one point", [new CurveSeries("a", [3], [0.7], [0.6], [0.8])] },
        { "all equal", [new CurveSeries("a", [1, 2, 3], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5])] },
        { "lists of different lengths", [new CurveSeries("a", [1, 2, 3], [0.5, 0.6], [0.4], [0.7, 0.8, 0.9])] },
    };

    [Fact]
    public void ToSvg_NoLevels_NoLevelLines()
    {
        var svg = new SvgDocument(new BestSoFarPlot("t", "m", [new CurveSeries("a", [1, 2], [1, 2])]).ToSvg(400, 300));

        Assert.DoesNotContain("baseline", svg.Texts);
        Assert.DoesNotContain("reference", svg.Texts);
    }

    [Theory]
    [InlineData(0, 300)]
    [InlineData(400, -1)]
    public void ToSvg_SizeNotPositive_Throws(int width, int height)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleReport.BestSoFar().ToSvg(width, height));
    }
}
