using System.Text.RegularExpressions;
using MleDojo.Reports.Html;
using MleDojo.Reports.Tests.Support;

namespace MleDojo.Reports.Tests.Html;

public sealed partial class HtmlPageTests
{
    [Fact]
    public void Render_SameInput_IsByteIdentical()
    {
        Assert.Equal(SampleReport.Page().Render(), SampleReport.Page().Render());
    }

    [Fact]
    public void Render_DifferentGenerationTime_DiffersOnlyInsideGeneratedAt()
    {
        var first = SampleReport.Page().Render();
        var later = new HtmlPage("Report: <titanic> & friends", SampleReport.GeneratedAt.AddHours(5));
        foreach (var section in SampleReport.Page().Sections)
        {
            later.AddSection(section);
        }

        var second = later.Render();
        Assert.NotEqual(first, second);
        Assert.Equal(WithoutGeneratedAt(first), WithoutGeneratedAt(second));
        Assert.Contains("<time id=\"generated-at\">2026-03-14 15:09:26 UTC</time>", first);
    }

    [Fact]
    public void Render_SamplePage_FetchesNothing()
    {
        var html = SampleReport.Page().Render();

        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotMatch(new Regex("<script[^>]*\\ssrc=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex("<link[^>]*stylesheet", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex("@import|url\\(\\s*['\"]?(https?:|//)", RegexOptions.IgnoreCase), html);
        Assert.Single(Regex.Matches(html, "<script"));
        Assert.Single(Regex.Matches(html, "<style"));
        Assert.Contains("Content-Security-Policy\" content=\"default-src 'none';", html);
        // Plots are inline: every figure holds an <svg>, and no XML prolog survives into the HTML.
        Assert.Equal(SampleReport.FigureIds.Length, Regex.Matches(html, "<figure class=\"plot\" id=\"[^\"]+\">\\n<svg ").Count);
        Assert.DoesNotContain("<?xml", html);
    }

    [Fact]
    public void Render_SamplePage_EveryIdIsUniqueAndEveryFragmentReferenceResolves()
    {
        var html = SampleReport.Page().Render();

        var ids = Regex.Matches(html, "\\sid=\"([^\"]+)\"").Select(static match => match.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var references = Regex.Matches(html, "(?:url\\(#|href=\"#)([^\")]+)").Select(static match => match.Groups[1].Value).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.Contains(reference, ids));
    }

    [Fact]
    public void Render_TextWithMarkup_IsEncodedEverywhere()
    {
        var html = SampleReport.Page().Render();

        Assert.Contains("<title>Report: &lt;titanic&gt; &amp; friends</title>", html);
        Assert.Contains("<h1>Report: &lt;titanic&gt; &amp; friends</h1>", html);
        Assert.Contains("<td>gpt-mini &lt;tools&gt;</td>", html);
        Assert.Contains("<summary>gpt-mini &lt;tools&gt; on titanic: best 0.82 in 10 steps</summary>", html);
        Assert.Contains("<p>Step 1: a first model with &lt;b&gt;no&lt;/b&gt; tuning.</p>", html);
        Assert.Contains("if a &lt; b and c &gt; d:\n    print(&quot;&amp;amp;&quot;)</code></pre>", html);
        Assert.DoesNotContain("<tools>", html);
        Assert.DoesNotContain("<b>no</b>", html);
    }

    [Fact]
    public void Render_Sections_ListedInContentsInOrder()
    {
        var html = SampleReport.Page().Render();

        var contents = Regex.Matches(html, "<li><a href=\"#([^\"]+)\">").Select(static match => match.Groups[1].Value);
        Assert.Equal(["leaderboard", "plots", "episodes"], contents);
        Assert.Contains("<section id=\"plots\">\n<h2>Plots</h2>", html);
    }

    [Fact]
    public void AddSection_DuplicateId_Throws()
    {
        var page = new HtmlPage("t", SampleReport.GeneratedAt).AddSection("a", "A");

        var error = Assert.Throws<ArgumentException>(() => page.AddSection("a", "Again"));
        Assert.Contains("'a'", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1st")]
    [InlineData("a b")]
    [InlineData("a\"onload=\"x")]
    public void AddSection_IdNotPlain_Throws(string id)
    {
        Assert.Throws<ArgumentException>(() => new HtmlPage("t", SampleReport.GeneratedAt).AddSection(id, "A"));
    }

    [Fact]
    public async Task WriteAsync_Page_WritesRenderAsUtf8WithoutBom()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("report.html");
        var page = SampleReport.Page();

        await page.WriteAsync(path, TestContext.Current.CancellationToken);

        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal(page.Render(), System.Text.Encoding.UTF8.GetString(bytes));
    }

    private static string WithoutGeneratedAt(string html) => GeneratedAt().Replace(html, "");

    [GeneratedRegex("<[^>]+[\\s:](?:src|href)\\s*=\\s*[\"']?(?:https?:|//)", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("<time id=\"generated-at\">[^<]*</time>")]
    private static partial Regex GeneratedAt();
}
