using System.Net;

namespace MleDojo.Reports.Html;

/// <summary>A block of code or program output, shown as written: whitespace kept, markup encoded.</summary>
/// <param name="Code">The code.</param>
/// <param name="Caption">A line above it saying what it is (a step's tool and score), or null.</param>
public sealed record HtmlCode(string Code, string? Caption = null) : IHtmlBlock
{
    /// <inheritdoc />
    public string ToHtml()
    {
        var code = $"<pre><code>{WebUtility.HtmlEncode(Code)}</code></pre>";
        return Caption is null ? code : $"<p class=\"code-caption\">{WebUtility.HtmlEncode(Caption)}</p>\n{code}";
    }
}
