using System.Net;

namespace MleDojo.Reports.Html;

/// <summary>A paragraph of plain text.</summary>
/// <param name="Text">The text, encoded when rendered.</param>
public sealed record HtmlParagraph(string Text) : IHtmlBlock
{
    /// <inheritdoc />
    public string ToHtml() => $"<p>{WebUtility.HtmlEncode(Text)}</p>";
}
