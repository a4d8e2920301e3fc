using System.Net;
using System.Text.RegularExpressions;
using MleDojo.Reports.Plots;

namespace MleDojo.Reports.Html;

/// <summary>
/// A plot inlined as SVG with its caption. Inline rather than an image so the page stays one file and the text in the
/// plot stays text.
/// </summary>
public sealed partial class HtmlFigure : IHtmlBlock
{
    /// <param name="id">The figure's id, unique in the page; it also prefixes the ids inside the SVG.</param>
    /// <param name="caption">The caption under the plot.</param>
    /// <param name="svg">An SVG document, such as a plot's <c>ToSvg</c>.</param>
    public HtmlFigure(string id, string caption, string svg)
    {
        Id = HtmlId.Require(id, nameof(id));
        Caption = caption ?? throw new ArgumentNullException(nameof(caption));
        ArgumentNullException.ThrowIfNull(svg);
        Svg = Inline(svg, Id);
    }

    /// <summary>The figure's id.</summary>
    public string Id { get; }

    /// <summary>The caption.</summary>
    public string Caption { get; }

    /// <summary>The SVG as it is inlined: no XML prolog, ids scoped to the figure, scalable.</summary>
    public string Svg { get; }

    /// <inheritdoc />
    public string ToHtml() =>
        $"<figure class=\"plot\" id=\"{Id}\">\n{Svg}\n<figcaption>{WebUtility.HtmlEncode(Caption)}</figcaption>\n</figure>";

    private static string Inline(string svg, string figureId)
    {
        // An XML prolog is not allowed inside HTML, and a document type would not be either.
        var body = Prolog().Replace(svg, "").Trim();
        if (!body.StartsWith("<svg", StringComparison.Ordinal))
        {
            throw new ArgumentException("Not an SVG document: it does not start with <svg after its prolog.", nameof(svg));
        }

        // Every inlined SVG shares the page's id space: two plots' "plot-1" clip paths would clip each other's lines.
        body = SvgNormalizer.IdReference().Replace(body, match =>
            $"{match.Groups["before"].Value}{figureId}-{match.Groups["id"].Value}{match.Groups["after"].Value}");

        // A viewBox lets CSS scale the plot down to a narrow window or a printed page, keeping its proportions.
        var root = RootSize().Match(body);
        if (root.Success && !body[..body.IndexOf('>')].Contains("viewBox", StringComparison.Ordinal))
        {
            body = body.Insert(root.Index + root.Length, $" viewBox=\"0 0 {root.Groups["w"].Value} {root.Groups["h"].Value}\"");
        }

        return body;
    }

    [GeneratedRegex(@"^\s*(<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|\s)*")]
    private static partial Regex Prolog();

    [GeneratedRegex(@"^<svg[^>]*?\swidth=""(?<w>[0-9.]+)""\s+height=""(?<h>[0-9.]+)""")]
    private static partial Regex RootSize();
}
