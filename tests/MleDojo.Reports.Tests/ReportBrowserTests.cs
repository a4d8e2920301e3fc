using System.Collections.ObjectModel;
using MleDojo.Reports.Tests.Support;
using OpenQA.Selenium;

namespace MleDojo.Reports.Tests;

/// <summary>The HTML report of real episodes, written by <c>mledojo report --format html --out</c>, read in headless chromium.</summary>
[Collection(RecordedStoreCollection.Name)]
public sealed class ReportBrowserTests(RecordedStore store)
{
    [Fact]
    public async Task HtmlReport_OpenedInChromium_PlotsRenderTableHasOneRowPerAgentDrillDownExpands()
    {
        using var directory = new TempDirectory("mledojo-report-html-");
        var path = directory.Combine("report.html");
        var (exit, _, stderr) = await store.ReportAsync("--format", "html", "--out", path);
        Assert.True(exit == 0, stderr);

        using var browser = ChromiumBrowser.Start();
        browser.Open(path);
        var driver = browser.Driver;

        // Elo, two profiles, normalised and medal bars (titanic-board has a leaderboard), a curve per competition.
        var figures = driver.FindElements(By.CssSelector("figure.plot"));
        var ids = figures.Select(f => f.GetDomAttribute("id")).ToList();
        Assert.Equal(["elo-plot", "profile-best", "profile-last", "normalized-bars", "medal-bars", "curve-penguins", "curve-titanic", "curve-titanic-board"], ids);
        foreach (var figure in figures)
        {
            var svg = figure.FindElement(By.TagName("svg"));
            var box = browser.Script<ReadOnlyCollection<object>>("var r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", svg);
            Assert.True(Convert.ToDouble(box[0]) > 100 && Convert.ToDouble(box[1]) > 100, $"{figure.GetDomAttribute("id")} rendered at {box[0]}x{box[1]}");
        }

        var leaderboard = driver.FindElement(By.CssSelector("#leaderboard table.sortable"));
        var agents = leaderboard.FindElements(By.CssSelector("tbody tr")).Select(r => r.FindElement(By.TagName("td")).Text).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["climber", "quitter", "trivial"], agents);

        var episodes = driver.FindElements(By.CssSelector("#episodes details.episode"));
        Assert.Equal(9, episodes.Count);
        var climber = episodes.First(e => e.FindElement(By.TagName("summary")).Text.StartsWith("climber on titanic,", StringComparison.Ordinal));
        var code = climber.FindElement(By.CssSelector("pre code"));
        Assert.False(code.Displayed);
        climber.FindElement(By.TagName("summary")).Click();
        Assert.True(browser.Script<bool>("return arguments[0].open;", climber));
        Assert.True(code.Displayed);
        Assert.Contains("submission.csv", code.Text, StringComparison.Ordinal);

        browser.SaveFullPageScreenshot(TestArtifacts.PathFor("report-real.png"));
    }

    [Fact]
    public async Task HtmlReport_WrittenPage_FetchesNothing()
    {
        using var directory = new TempDirectory("mledojo-report-html-");
        var path = directory.Combine("report.html");
        var (exit, _, stderr) = await store.ReportAsync("--format", "html", "--out", path);
        Assert.True(exit == 0, stderr);

        var html = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        Assert.DoesNotMatch("(src|href)\\s*=\\s*[\"']?(https?:)?//", html);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(http", html, StringComparison.Ordinal);
    }
}
