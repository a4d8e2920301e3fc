using MleDojo.Reports.Plots;
using MleDojo.Reports.Tests.Support;

namespace MleDojo.Reports.Tests.Plots;

public sealed class ProfilePlotTests
{
    [Fact]
    public void ToSvg_Series_TauAxisAndLegendAreText()
    {
        var svg = new SvgDocument(SampleReport.Profile().ToSvg(800, 400));

        Assert.Contains("Performance profile", svg.Texts);
        Assert.Contains("τ (log10 of ratio to best)", svg.Texts);
        Assert.All(SampleReport.Agents, agent => Assert.Contains(agent, svg.Texts));
    }

    [Fact]
    public void ToSvg_AnyData_YAxisSpansZeroToOne()
    {
        var svg = new SvgDocument(new ProfilePlot("t", [0, 1], [new ProfileSeries("a", [0.4, 0.5])]).ToSvg(400, 400));

        Assert.Contains("0", svg.Texts);
        Assert.Contains("1", svg.Texts);
    }

    [Fact]
    public void ToSvg_SameInput_IsByteIdentical()
    {
        Assert.Equal(SampleReport.Profile().ToSvg(500, 300), SampleReport.Profile().ToSvg(500, 300));
    }

    [Fact]
    public void ToSvg_DegenerateSeries_SkipsThemWithoutThrowing()
    {
        var plot = new ProfilePlot("t", [0.5],
        [
            new ProfileSeries("nan", [double.NaN]),
            new ProfileSeries("empty", []),
            new ProfileSeries("one", [1]),
        ]);

        var svg = new SvgDocument(plot.ToSvg(400, 300));

        Assert.Contains("one", svg.Texts);
        Assert.DoesNotContain("nan", svg.Texts);
        Assert.DoesNotContain("empty", svg.Texts);
    }
}
