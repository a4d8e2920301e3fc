using System.Globalization;
using System.Text;
using MleDojo.Reports.Statistics;

namespace MleDojo.Reports.Formats;

/// <summary>
/// The report as one tidy CSV table for spreadsheets: a row per agent and competition, then a row per agent with
/// <c>competition</c> = <c>(all)</c> that carries the overall columns (Elo, AUP, mean rank). Empty cells mean "none".
/// </summary>
public static class CsvReport
{
    /// <summary>The competition column of an agent's overall row.</summary>
    public const string AllCompetitions = "(all)";

    private static readonly string[] Header =
    [
        "agent", "competition", "episodes", "ungraded", "final_mean", "final_se", "best_mean", "best_se", "normalized_mean", "normalized_se",
        "position_score", "medal_rate", "gold", "silver", "bronze", "above_median_rate", "valid_rate", "mean_steps", "mean_wall_s",
        "tokens_in", "tokens_out", "cost", "saw_public_scores", "elo", "elo_lower", "elo_upper", "aup_best", "aup_last", "mean_rank",
    ];

    /// <summary>Renders the report.</summary>
    public static string Render(LeaderboardReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        Line(csv, Header);
        foreach (var r in report.Results)
        {
            Line(csv,
            [
                r.Agent, r.CompetitionId, N(r.Episodes), N(r.Ungraded), N(r.FinalScore?.Mean), N(r.FinalScore?.StandardError), N(r.BestScore?.Mean), N(r.BestScore?.StandardError),
                N(r.NormalizedScore?.Mean), N(r.NormalizedScore?.StandardError), N(r.PositionScore), N(r.MedalRate), N(r.Gold), N(r.Silver), N(r.Bronze),
                N(r.AboveMedianRate), N(r.ValidSubmissionRate), N(r.MeanSteps), N(r.MeanWallSeconds), N(r.TokensIn), N(r.TokensOut),
                r.Cost?.ToString(CultureInfo.InvariantCulture) ?? "", N(r.SawPublicScores), "", "", "", "", "", "",
            ]);
        }

        foreach (var s in report.Standings)
        {
            var rows = report.Results.Where(r => r.Agent == s.Agent).ToList();
            Line(csv,
            [
                s.Agent, AllCompetitions, N(s.Episodes), N(s.Ungraded), "", "", "", "", N(s.MeanNormalizedScore), "", N(s.MeanPositionScore), "",
                N(s.Gold), N(s.Silver), N(s.Bronze), "", N(rows.Sum(r => r.ValidSubmissionRate * r.Episodes) / s.Episodes), "", "",
                N(Sum(rows.Select(r => r.TokensIn))), N(Sum(rows.Select(r => r.TokensOut))), rows.Select(r => r.Cost).OfType<decimal>().ToList() is { Count: > 0 } c ? c.Sum().ToString(CultureInfo.InvariantCulture) : "",
                N(rows.Sum(r => r.SawPublicScores)), Elo(s.Elo, e => e.Rating), Elo(s.Elo, e => e.Lower), Elo(s.Elo, e => e.Upper), N(s.AupBest), N(s.AupLast), N(s.MeanRank),
            ]);
        }

        return csv.ToString();
    }

    private static string Elo(EloRating? rating, Func<EloRating, double> value) => rating is null ? "" : N(value(rating));

    private static long? Sum(IEnumerable<long?> values) => values.OfType<long>().ToList() is { Count: > 0 } v ? v.Sum() : null;

    // Round-trip precision: a spreadsheet or script gets the value the report computed.
    private static string N(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string N(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static void Line(StringBuilder csv, IEnumerable<string> cells) =>
        csv.Append(string.Join(',', cells.Select(Quote))).Append('\n');

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
}
