using System.Net;
using System.Text;

namespace MleDojo.Reports.Html;

/// <summary>A titled part of the page, listed in its table of contents.</summary>
public sealed class HtmlSection
{
    /// <param name="id">The section's id, its link target from the table of contents.</param>
    /// <param name="heading">The section's heading.</param>
    /// <param name="blocks">Its content, in order.</param>
    public HtmlSection(string id, string heading, IReadOnlyList<IHtmlBlock> blocks)
    {
        Id = HtmlId.Require(id, nameof(id));
        Heading = heading ?? throw new ArgumentNullException(nameof(heading));
        Blocks = blocks ?? throw new ArgumentNullException(nameof(blocks));
    }

    /// <summary>The section's id.</summary>
    public string Id { get; }

    /// <summary>The heading.</summary>
    public string Heading { get; }

    /// <summary>The content.</summary>
    public IReadOnlyList<IHtmlBlock> Blocks { get; }

    /// <summary>The section as HTML.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder($"<section id=\"{Id}\">\n<h2>{WebUtility.HtmlEncode(Heading)}</h2>\n");
        foreach (var block in Blocks)
        {
            html.Append(block.ToHtml()).Append('\n');
        }

        return html.Append("</section>").ToString();
    }
}
