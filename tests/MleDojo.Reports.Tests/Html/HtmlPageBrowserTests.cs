using System.Collections.ObjectModel;
using MleDojo.Reports.Tests.Support;
using OpenQA.Selenium;

namespace MleDojo.Reports.Tests.Html;

/// <summary>The sample report opened in a real headless chromium: what a reader sees, not what the markup says.</summary>
public sealed class HtmlPageBrowserTests
{
    [Fact]
    public async Task Page_OpenedInChromium_RendersPlotsSortsTableAndExpandsDrillDown()
    {
        using var directory = new TempDirectory("mledojo-report-");
        var path = directory.Combine("report.html");
        await SampleReport.Page().WriteAsync(path, TestContext.Current.CancellationToken);

        using var browser = ChromiumBrowser.Start();
        browser.Open(path);
        var driver = browser.Driver;

        var figures = driver.FindElements(By.CssSelector("figure.plot"));
        Assert.Equal(SampleReport.FigureIds, figures.Select(static figure => figure.GetDomAttribute("id")));
        foreach (var figure in figures)
        {
            var svg = figure.FindElement(By.TagName("svg"));
            var box = browser.Script<ReadOnlyCollection<object>>("var r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", svg);
            var (width, height) = (Convert.ToDouble(box[0]), Convert.ToDouble(box[1]));
            Assert.True(width > 100 && height > 100, $"{figure.GetDomAttribute("id")}: the plot is {width}x{height}");
            // The SVG's own text laid out with a size: a title that rendered, not just markup.
            var titleWidth = browser.Script<object>("var t = arguments[0].querySelectorAll('text'); return t.length ? t[t.length - 1].getBBox().width : 0;", svg);
            Assert.True(Convert.ToDouble(titleWidth) > 0, $"{figure.GetDomAttribute("id")}: no visible text");
        }

        var table = driver.FindElement(By.CssSelector("table.sortable"));
        Assert.Equal([SampleReport.Agents[1], SampleReport.Agents[0], SampleReport.Agents[2]], FirstColumn(table));

        var eloHeader = table.FindElements(By.CssSelector("thead th"))[1];
        eloHeader.FindElement(By.TagName("button")).Click();
        Assert.Equal("ascending", eloHeader.GetDomAttribute("aria-sort"));
        Assert.Equal([SampleReport.Agents[2], SampleReport.Agents[1], SampleReport.Agents[0]], FirstColumn(table));
        eloHeader.FindElement(By.TagName("button")).Click();
        Assert.Equal("descending", eloHeader.GetDomAttribute("aria-sort"));
        Assert.Equal([SampleReport.Agents[0], SampleReport.Agents[1], SampleReport.Agents[2]], FirstColumn(table));

        // The NaN score stays last whichever way its column is sorted.
        var scoreHeader = table.FindElements(By.CssSelector("thead th"))[2];
        scoreHeader.FindElement(By.TagName("button")).Click();
        Assert.Null(eloHeader.GetDomAttribute("aria-sort"));
        Assert.Equal([SampleReport.Agents[1], SampleReport.Agents[0], SampleReport.Agents[2]], FirstColumn(table));
        scoreHeader.FindElement(By.TagName("button")).Click();
        Assert.Equal([SampleReport.Agents[0], SampleReport.Agents[1], SampleReport.Agents[2]], FirstColumn(table));

        var details = driver.FindElement(By.CssSelector("details.episode"));
        var code = details.FindElement(By.CssSelector("pre code"));
        Assert.Null(details.GetDomAttribute("open"));
        Assert.False(code.Displayed);
        details.FindElement(By.TagName("summary")).Click();
        Assert.True(browser.Script<bool>("return arguments[0].open;", details));
        Assert.True(code.Displayed);
        Assert.Contains("if a < b and c > d:", code.Text);

        var screenshot = TestArtifacts.PathFor("report-sample.png");
        browser.SaveFullPageScreenshot(screenshot);
        Assert.True(new FileInfo(screenshot).Length > 0);
    }

    private static string[] FirstColumn(IWebElement table) =>
        [.. table.FindElements(By.CssSelector("tbody tr")).Select(static row => row.FindElement(By.TagName("td")).Text)];
}
