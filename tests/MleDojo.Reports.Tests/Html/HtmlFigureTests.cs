using MleDojo.Reports.Html;

namespace MleDojo.Reports.Tests.Html;

public sealed class HtmlFigureTests
{
    private const string Svg = """
        <?xml version="1.0" encoding="utf-8" ?>
        <svg xmlns="http://www.w3.org/2000/svg" width="600" height="400">
        <clipPath id="plot-1"><rect width="5" height="5"/></clipPath>
        <g clip-path="url(#plot-1)"><use href="#plot-1"/></g>
        </svg>
        """;

    [Fact]
    public void ToHtml_SvgWithProlog_InlinesItWithoutProlog()
    {
        var html = new HtmlFigure("elo", "Elo <95%>", Svg).ToHtml();

        Assert.StartsWith("<figure class=\"plot\" id=\"elo\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"400\" viewBox=\"0 0 600 400\">", html);
        Assert.DoesNotContain("<?xml", html);
        Assert.EndsWith("</svg>\n<figcaption>Elo &lt;95%&gt;</figcaption>\n</figure>", html);
    }

    [Fact]
    public void Svg_InternalIds_ArePrefixedWithTheFigureId()
    {
        var svg = new HtmlFigure("elo", "c", Svg).Svg;

        Assert.Contains("<clipPath id=\"elo-plot-1\">", svg);
        Assert.Contains("clip-path=\"url(#elo-plot-1)\"", svg);
        Assert.Contains("href=\"#elo-plot-1\"", svg);
        Assert.DoesNotContain("\"plot-1\"", svg);
    }

    [Fact]
    public void Svg_ViewBoxAlreadyThere_KeptAsIs()
    {
        var svg = new HtmlFigure("f", "c", "<svg width=\"10\" height=\"20\" viewBox=\"0 0 5 5\"></svg>").Svg;

        Assert.Equal("<svg width=\"10\" height=\"20\" viewBox=\"0 0 5 5\"></svg>", svg);
    }

    [Theory]
    [InlineData("<html></html>")]
    [InlineData("")]
    public void Constructor_NotSvg_Throws(string svg)
    {
        Assert.Throws<ArgumentException>(() => new HtmlFigure("f", "c", svg));
    }
}
