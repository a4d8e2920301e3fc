namespace MleDojo.Core.Competitions;

/// <summary>The tokens raw files use for a missing value (R writes NA, pandas writes an empty field).</summary>
internal static class MissingValues
{
    private static readonly HashSet<string> Tokens = new(StringComparer.Ordinal) { "", "NA", "N/A", "NaN", "nan", "null", "NULL", "None" };

    public static bool IsMissing(string value) => Tokens.Contains(value.Trim());
}
