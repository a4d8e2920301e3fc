using System.Net;
using System.Text;

namespace MleDojo.Reports.Html;

/// <summary>
/// A drill-down that opens on click: an episode's summary line, and its steps underneath. Native
/// <c>&lt;details&gt;</c>, so it works without the page's script and in every browser.
/// </summary>
/// <param name="Summary">The line shown while closed, encoded when rendered.</param>
/// <param name="Body">What opening it shows.</param>
/// <param name="Open">True to render it open.</param>
public sealed record HtmlDetails(string Summary, IReadOnlyList<IHtmlBlock> Body, bool Open = false) : IHtmlBlock
{
    /// <inheritdoc />
    public string ToHtml()
    {
        var html = new StringBuilder(Open ? "<details class=\"episode\" open>" : "<details class=\"episode\">");
        html.Append("<summary>").Append(WebUtility.HtmlEncode(Summary)).Append("</summary>\n<div class=\"details-body\">\n");
        foreach (var block in Body)
        {
            html.Append(block.ToHtml()).Append('\n');
        }

        return html.Append("</div>\n</details>").ToString();
    }
}
