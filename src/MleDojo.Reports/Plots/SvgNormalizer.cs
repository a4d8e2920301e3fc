using System.Text.RegularExpressions;

namespace MleDojo.Reports.Plots;

/// <summary>
/// Makes ScottPlot's SVG the same for the same plot. Skia numbers clip paths from a process-wide counter
/// (<c>cl_4</c> in one render, <c>cl_9</c> in the next), which would break the report's byte-for-byte determinism.
/// </summary>
internal static partial class SvgNormalizer
{
    /// <summary>The prefix of every id after normalising; <see cref="Html.HtmlFigure"/> scopes it to its figure.</summary>
    public const string IdPrefix = "plot-";

    /// <summary>
    /// Renumbers every id in order of appearance and gives each font a generic fallback, since the family Skia measured
    /// with may be missing where the report is opened.
    /// </summary>
    public static string Normalize(string svg)
    {
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in IdAttribute().Matches(svg))
        {
            renamed.TryAdd(match.Groups["id"].Value, $"{IdPrefix}{renamed.Count + 1}");
        }

        var result = IdReference().Replace(svg, match =>
            renamed.TryGetValue(match.Groups["id"].Value, out var id)
                ? $"{match.Groups["before"].Value}{id}{match.Groups["after"].Value}"
                : match.Value);
        return FontFamily().Replace(result, match => $"font-family=\"{match.Groups["family"].Value}, sans-serif\"");
    }

    [GeneratedRegex(@"\bid=""(?<id>[^""]+)""")]
    private static partial Regex IdAttribute();

    /// <summary>An id where it is declared or referred to: <c>id="x"</c>, <c>url(#x)</c>, <c>href="#x"</c>.</summary>
    [GeneratedRegex("""(?<before>\bid="|url\(#|href="#)(?<id>[^")]+)(?<after>[")])""")]
    internal static partial Regex IdReference();

    [GeneratedRegex(@"font-family=""(?<family>[^"",]+)""")]
    private static partial Regex FontFamily();
}
