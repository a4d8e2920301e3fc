using System.Globalization;
using System.Net;
using System.Text;

namespace MleDojo.Reports.Html;

/// <summary>
/// One self-contained HTML5 document: styles, script and plots inline, nothing fetched, so it opens offline and can be
/// mailed. A Content-Security-Policy forbids every fetch, so a reference that slipped in would fail loudly in the
/// browser rather than quietly phone home. The same sections and time give the same text.
/// </summary>
public sealed class HtmlPage
{
    /// <summary>The id of the element holding the generation time, the one part that changes between runs.</summary>
    public const string GeneratedAtId = "generated-at";

    private const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

    private readonly List<HtmlSection> _sections = [];

    /// <param name="title">The page's title and top heading.</param>
    /// <param name="generatedAt">When the report was made, shown in UTC.</param>
    public HtmlPage(string title, DateTimeOffset generatedAt)
    {
        Title = title ?? throw new ArgumentNullException(nameof(title));
        GeneratedAt = generatedAt;
    }

    /// <summary>The title.</summary>
    public string Title { get; }

    /// <summary>When the report was made.</summary>
    public DateTimeOffset GeneratedAt { get; }

    /// <summary>The sections added so far, in order.</summary>
    public IReadOnlyList<HtmlSection> Sections => _sections;

    /// <summary>Adds a section at the end.</summary>
    /// <returns>This page, to add the next section.</returns>
    public HtmlPage AddSection(HtmlSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (_sections.Any(existing => existing.Id == section.Id))
        {
            throw new ArgumentException($"The page already has a section with id '{section.Id}'.", nameof(section));
        }

        _sections.Add(section);
        return this;
    }

    /// <summary>Adds a section at the end.</summary>
    /// <returns>This page, to add the next section.</returns>
    public HtmlPage AddSection(string id, string heading, params IReadOnlyList<IHtmlBlock> blocks) =>
        AddSection(new HtmlSection(id, heading, [.. blocks]));

    /// <summary>The document.</summary>
    public string Render()
    {
        var title = WebUtility.HtmlEncode(Title);
        var generated = GeneratedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">\n")
            .Append("<title>").Append(title).Append("</title>\n")
            .Append("<style>\n").Append(HtmlAssets.Style).Append("\n</style>\n</head>\n<body>\n")
            .Append("<header>\n<h1>").Append(title).Append("</h1>\n")
            .Append("<p class=\"generated\">Generated <time id=\"").Append(GeneratedAtId).Append("\">")
            .Append(generated).Append("</time></p>\n</header>\n");
        AppendContents(html);
        html.Append("<main>\n");
        foreach (var section in _sections)
        {
            html.Append(section.ToHtml()).Append('\n');
        }

        return html.Append("</main>\n<script>\n").Append(HtmlAssets.Script).Append("\n</script>\n</body>\n</html>\n").ToString();
    }

    /// <summary>Writes the document to a file as UTF-8 without a byte order mark.</summary>
    public Task WriteAsync(string path, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, Render(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);

    private void AppendContents(StringBuilder html)
    {
        if (_sections.Count == 0)
        {
            return;
        }

        html.Append("<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n");
        foreach (var section in _sections)
        {
            html.Append("<li><a href=\"#").Append(section.Id).Append("\">").Append(WebUtility.HtmlEncode(section.Heading)).Append("</a></li>\n");
        }

        html.Append("</ol>\n</nav>\n");
    }
}
