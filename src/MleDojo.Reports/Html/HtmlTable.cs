using System.Globalization;
using System.Net;
using System.Text;

namespace MleDojo.Reports.Html;

/// <summary>
/// A table the page's script makes sortable: clicking a column header sorts the rows by that column, numerically when
/// every cell has a number, and again to reverse.
/// </summary>
public sealed class HtmlTable : IHtmlBlock
{
    private readonly List<IReadOnlyList<HtmlCell>> _rows = [];

    /// <param name="headers">The column headers, in order.</param>
    /// <param name="caption">A caption above the table, or null.</param>
    public HtmlTable(IReadOnlyList<string> headers, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.Count == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(headers));
        }

        Headers = headers;
        Caption = caption;
    }

    /// <summary>The column headers.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The caption, or null.</summary>
    public string? Caption { get; }

    /// <summary>The rows added so far, in order.</summary>
    public IReadOnlyList<IReadOnlyList<HtmlCell>> Rows => _rows;

    /// <summary>Adds a row with one cell per column.</summary>
    /// <returns>This table, to add the next row.</returns>
    public HtmlTable AddRow(params IReadOnlyList<HtmlCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count != Headers.Count)
        {
            throw new ArgumentException($"The row has {cells.Count} cells for {Headers.Count} columns.", nameof(cells));
        }

        _rows.Add([.. cells]);
        return this;
    }

    /// <inheritdoc />
    public string ToHtml()
    {
        var html = new StringBuilder("<table class=\"sortable\">\n");
        if (Caption is not null)
        {
            html.Append("<caption>").Append(WebUtility.HtmlEncode(Caption)).Append("</caption>\n");
        }

        // A button in each header makes sorting reachable from the keyboard; aria-sort on the th says the order.
        html.Append("<thead><tr>");
        foreach (var header in Headers)
        {
            html.Append("<th scope=\"col\"><button type=\"button\">").Append(WebUtility.HtmlEncode(header)).Append("</button></th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in _rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                AppendCell(html, cell);
            }

            html.Append("</tr>\n");
        }

        return html.Append("</tbody>\n</table>").ToString();
    }

    private static void AppendCell(StringBuilder html, HtmlCell cell)
    {
        html.Append("<td");
        var classes = string.Join(' ', new[] { cell.SortKey is null ? null : "num", cell.CssClass }.OfType<string>());
        if (classes.Length > 0)
        {
            html.Append(" class=\"").Append(WebUtility.HtmlEncode(classes)).Append('"');
        }

        if (cell.SortKey is { } key)
        {
            // "R" round-trips the value; the invariant culture spells NaN and infinities as JavaScript's Number reads them.
            html.Append(" data-sort=\"").Append(key.ToString("R", CultureInfo.InvariantCulture)).Append('"');
        }

        html.Append('>').Append(WebUtility.HtmlEncode(cell.Text)).Append("</td>");
    }
}
