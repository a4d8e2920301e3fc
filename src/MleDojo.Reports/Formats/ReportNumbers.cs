using System.Globalization;
using MleDojo.Reports.Statistics;

namespace MleDojo.Reports.Formats;

/// <summary>How every format writes numbers: invariant culture, four significant decimals, a dash for none.</summary>
internal static class ReportNumbers
{
    public const string None = "—";

    public static string Score(double? value) => value is { } v && double.IsFinite(v) ? (ShownAsZero(v, "0.0000") ? 0 : v).ToString("0.0000", CultureInfo.InvariantCulture) : None;

    /// <summary>A value that this format rounds to zero: shown as 0, not "-0.0000" (a score a hair below the baseline).</summary>
    public static bool ShownAsZero(double value, string format) =>
        value.ToString(format, CultureInfo.InvariantCulture).TrimStart('-').All(c => c is '0' or '.' or ',');

    public static string WithError(MeanAndError? value) => value is not { } v
        ? None
        : v.StandardError is { } se ? $"{Score(v.Mean)} ± {Score(se)}" : Score(v.Mean);

    public static string Rate(double? value) => value is { } v ? v.ToString("0%", CultureInfo.InvariantCulture) : None;

    public static string Rating(double? value) => value is { } v ? v.ToString("0", CultureInfo.InvariantCulture) : None;

    public static string Interval(double low, double high) => $"[{Rating(low)}, {Rating(high)}]";

    public static string Count(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : None;

    public static string Money(decimal? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : None;

    public static string Seconds(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + " s" : None;

    public static string Plain(double? value, string format = "0.##") => value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "";

    public static string Medals(int gold, int silver, int bronze) => $"{gold}/{silver}/{bronze}";

    public static string Direction(CompetitionFacts competition) => competition.HigherIsBetter ? "higher is better" : "lower is better";
}
