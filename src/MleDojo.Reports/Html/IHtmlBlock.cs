namespace MleDojo.Reports.Html;

/// <summary>A piece of a report page's body: a table, a figure, a paragraph, a drill-down.</summary>
public interface IHtmlBlock
{
    /// <summary>The block as HTML, every text in it encoded; the same text for the same block.</summary>
    string ToHtml();
}
