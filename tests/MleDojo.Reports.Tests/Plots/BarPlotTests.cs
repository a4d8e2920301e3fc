using MleDojo.Reports.Plots;
using MleDojo.Reports.Tests.Support;

namespace MleDojo.Reports.Tests.Plots;

public sealed class BarPlotTests
{
    [Fact]
    public void ToSvg_StackedGroups_CategoriesAndLegendAreTextInGivenColours()
    {
        var svg = SampleReport.Medals().ToSvg(800, 300);
        var document = new SvgDocument(svg);

        Assert.All(SampleReport.Agents, agent => Assert.Contains(agent, document.Texts));
        Assert.Contains("gold", document.Texts);
        Assert.Contains("silver", document.Texts);
        Assert.Contains("bronze", document.Texts);
        Assert.Contains("#D4A017", svg, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("#CD7F32", svg, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToSvg_OneGroup_NoLegend()
    {
        var document = new SvgDocument(SampleReport.Scores().ToSvg(800, 300));

        Assert.Contains("normalised score (mean ± SE)", document.Texts);
        Assert.DoesNotContain("mean", document.Texts);
    }

    [Fact]
    public void ToSvg_SameInput_IsByteIdentical()
    {
        Assert.Equal(SampleReport.Medals().ToSvg(500, 300), SampleReport.Medals().ToSvg(500, 300));
        Assert.Equal(SampleReport.Scores().ToSvg(500, 300), SampleReport.Scores().ToSvg(500, 300));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ToSvg_DegenerateGroups_RendersWithoutThrowing(bool stacked)
    {
        var plot = new BarPlot("t", "v", ["a", "b"],
        [
            new BarGroup("nan", [double.NaN, double.NaN]),
            new BarGroup("short", [1], [double.NaN]),
            new BarGroup("zeros", [0, 0], [null, 0]),
            new BarGroup("negative", [-1, 2], [0.5]),
        ], stacked);

        var document = new SvgDocument(plot.ToSvg(400, 300));

        Assert.Contains("a", document.Texts);
        Assert.DoesNotContain("nan", document.Texts);
        Assert.Contains("short", document.Texts);
    }

    [Fact]
    public void ToSvg_NoCategories_RendersTitle()
    {
        Assert.Contains("nothing", new SvgDocument(new BarPlot("nothing", "v", [], [], Stacked: true).ToSvg(400, 300)).Texts);
    }
}
