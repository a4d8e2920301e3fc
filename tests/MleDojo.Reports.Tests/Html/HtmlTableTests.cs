using MleDojo.Reports.Html;

namespace MleDojo.Reports.Tests.Html;

public sealed class HtmlTableTests
{
    [Fact]
    public void ToHtml_Rows_SortableTableWithHeadAndBody()
    {
        var html = new HtmlTable(["Agent", "Score"], "Board")
            .AddRow("a", HtmlCell.Number(0.5))
            .AddRow(new HtmlCell("b", CssClass: "best"), HtmlCell.Number(0.25, "0.00", "low"))
            .ToHtml();

        Assert.Equal(
            "<table class=\"sortable\">\n<caption>Board</caption>\n"
            + "<thead><tr><th scope=\"col\"><button type=\"button\">Agent</button></th><th scope=\"col\"><button type=\"button\">Score</button></th></tr></thead>\n"
            + "<tbody>\n"
            + "<tr><td>a</td><td class=\"num\" data-sort=\"0.5\">0.5</td></tr>\n"
            + "<tr><td class=\"best\">b</td><td class=\"num low\" data-sort=\"0.25\">0.25</td></tr>\n"
            + "</tbody>\n</table>",
            html);
    }

    [Fact]
    public void Number_RoundedText_SortsByFullValueInInvariantCulture()
    {
        var cell = HtmlCell.Number(1234.56789, "0.0");

        Assert.Equal("1234.6", cell.Text);
        Assert.Contains("data-sort=\"1234.56789\"", new HtmlTable(["x"]).AddRow(cell).ToHtml());
    }

    [Fact]
    public void Number_NaN_ShowsDashAndSortKeyNaN()
    {
        var cell = HtmlCell.Number(double.NaN);

        Assert.Equal(HtmlCell.Missing, cell.Text);
        Assert.Contains("<td class=\"num\" data-sort=\"NaN\">—</td>", new HtmlTable(["x"]).AddRow(cell).ToHtml());
    }

    [Fact]
    public void ToHtml_MarkupInHeadersAndCells_IsEncoded()
    {
        var html = new HtmlTable(["<h>"]).AddRow(new HtmlCell("a&b", CssClass: "x\" onclick=\"y")).ToHtml();

        Assert.Contains("<button type=\"button\">&lt;h&gt;</button>", html);
        Assert.Contains("<td class=\"x&quot; onclick=&quot;y\">a&amp;b</td>", html);
    }

    [Fact]
    public void AddRow_WrongCellCount_Throws()
    {
        var table = new HtmlTable(["a", "b"]);

        Assert.Throws<ArgumentException>(() => table.AddRow("only one"));
        Assert.Empty(table.Rows);
    }
}
