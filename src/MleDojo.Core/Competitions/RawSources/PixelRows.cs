using System.Globalization;

namespace MleDojo.Core.Competitions.RawSources;

/// <summary>
/// The table shape shared by the image readers: a <c>label</c> column then <c>pixel0..pixelN-1</c>, one row per
/// image, with greyscale values 0..255 as decimal text.
/// </summary>
internal static class PixelRows
{
    /// <summary>The label column's name in the raw table.</summary>
    public const string LabelColumn = "label";

    // An image table has tens of millions of cells but only 256 distinct values; sharing one string per value keeps
    // a 70,000-image table at the size of its row arrays instead of one string object per cell.
    private static readonly string[] ByteText = [.. Enumerable.Range(0, 256).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>The shared text of a byte value.</summary>
    public static string Text(byte value) => ByteText[value];

    /// <summary>The header for images of <paramref name="pixels"/> pixels.</summary>
    public static string[] Header(int pixels) =>
        [LabelColumn, .. Enumerable.Range(0, pixels).Select(i => "pixel" + i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>Rejects reader options, since these readers take none and a misspelt option must not be ignored.</summary>
    public static void RejectOptions(string specPath, string reader, IReadOnlyDictionary<string, string> options)
    {
        if (options.Count > 0)
        {
            throw new CompetitionSpecException(specPath, [$"data.source.options: the {reader} reader takes no options (got {string.Join(", ", options.Keys)})"]);
        }
    }
}
