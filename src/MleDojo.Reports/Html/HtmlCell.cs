using System.Globalization;

namespace MleDojo.Reports.Html;

/// <summary>One cell of an <see cref="HtmlTable"/>.</summary>
/// <param name="Text">What the cell shows, encoded when rendered.</param>
/// <param name="SortKey">
/// The number the column sorts this cell by, when its text is not that number (a rounded score, "1st", "—");
/// null sorts by the text.
/// </param>
/// <param name="CssClass">Extra CSS classes for the cell, or null.</param>
public sealed record HtmlCell(string Text, double? SortKey = null, string? CssClass = null)
{
    /// <summary>The text shown for a value that is not a number.</summary>
    public const string Missing = "—";

    /// <summary>A cell of plain text.</summary>
    public static implicit operator HtmlCell(string text) => new(text);

    /// <summary>
    /// A number shown in a .NET format (invariant culture) and sorted by its full value; NaN shows as
    /// <see cref="Missing"/> and sorts after every number.
    /// </summary>
    public static HtmlCell Number(double value, string format = "0.###", string? cssClass = null) =>
        double.IsNaN(value)
            ? new HtmlCell(Missing, double.NaN, cssClass)
            : new HtmlCell(value.ToString(format, CultureInfo.InvariantCulture), value, cssClass);
}
