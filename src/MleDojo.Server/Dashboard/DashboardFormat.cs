using System.Globalization;

namespace MleDojo.Server.Dashboard;

/// <summary>How the pages write numbers; dashboard.js writes them the same way when it refreshes a page.</summary>
internal static class DashboardFormat
{
    /// <summary>The text of a missing value.</summary>
    public const string Missing = "—";

    /// <summary>A score to four decimals.</summary>
    public static string Score(double? score) => score is { } s && double.IsFinite(s) ? s.ToString("0.0000", CultureInfo.InvariantCulture) : Missing;

    /// <summary>Seconds left as <c>1h 05m</c>, <c>4m 09s</c> or <c>12s</c>.</summary>
    public static string TimeLeft(double? seconds)
    {
        if (seconds is not { } value || !double.IsFinite(value))
        {
            return Missing;
        }

        var s = (long)Math.Max(0, Math.Floor(value));
        var (h, m, r) = (s / 3600, s % 3600 / 60, s % 60);
        return h > 0 ? $"{h}h {m:00}m" : m > 0 ? $"{m}m {r:00}s" : $"{r}s";
    }

    /// <summary>A duration in seconds, to a tenth.</summary>
    public static string Seconds(double? seconds) => seconds is { } s && double.IsFinite(s) ? s.ToString("0.0 's'", CultureInfo.InvariantCulture) : Missing;

    /// <summary>A UTC time to the second.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
