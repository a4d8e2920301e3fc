using MleDojo.Reports.Html;

namespace MleDojo.Reports.Tests.Html;

public sealed class HtmlDetailsTests
{
    [Fact]
    public void ToHtml_SummaryAndBody_ClosedEpisodeDrillDown()
    {
        var html = new HtmlDetails("ep <1>", [new HtmlParagraph("p"), new HtmlCode("x < 1", "step 1")]).ToHtml();

        Assert.Equal(
            "<details class=\"episode\"><summary>ep &lt;1&gt;</summary>\n<div class=\"details-body\">\n"
            + "<p>p</p>\n<p class=\"code-caption\">step 1</p>\n<pre><code>x &lt; 1</code></pre>\n</div>\n</details>",
            html);
    }

    [Fact]
    public void ToHtml_Open_RendersOpenAttribute()
    {
        Assert.StartsWith("<details class=\"episode\" open>", new HtmlDetails("s", [], Open: true).ToHtml());
    }
}
