using System.Text;
using static MleDojo.Reports.Formats.ReportNumbers;

namespace MleDojo.Reports.Formats;

/// <summary>The report as Markdown: the tables a paper or a pull request quotes.</summary>
public static class MarkdownReport
{
    /// <summary>Renders the report.</summary>
    public static string Render(LeaderboardReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.AppendLine("# MleDojo leaderboard").AppendLine();
        md.AppendLine($"Generated at {report.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.").AppendLine();
        md.AppendLine($"{report.Episodes.Count} episode(s) of {report.Standings.Count} agent(s) on {report.Competitions.Count} competition(s); {report.Scope}. An episode without a graded submission scores as the competition's baseline and is counted under \"ungraded\".").AppendLine();

        md.AppendLine("## Leaderboard").AppendLine();
        Table(md, ["#", "Agent", "Elo", "95% CI", "AUP best", "AUP last", "Mean normalised", "Mean position", "Medals G/S/B", "Mean rank", "Episodes", "Ungraded"],
            report.Standings.Select((s, i) => new[]
            {
                (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), s.Agent, Rating(s.Elo?.Rating), s.Elo is { } e ? Interval(e.Lower, e.Upper) : None,
                Score(s.AupBest), Score(s.AupLast), Score(s.MeanNormalizedScore), Score(s.MeanPositionScore), Medals(s.Gold, s.Silver, s.Bronze),
                Plain(s.MeanRank, "0.00"), Count(s.Episodes), Count(s.Ungraded),
            }));

        md.AppendLine("## Elo").AppendLine();
        if (report.Elo is { } elo)
        {
            md.AppendLine($"Bradley–Terry fit on the Elo scale over {elo.Games} game(s) on {elo.Competitions} competition(s), {elo.Anchor} pinned at {Rating(elo.Ratings.First(r => r.Agent == elo.Anchor).Rating)}; 95% intervals from {elo.BootstrapSamples} bootstrap resamples of the competitions. See docs/report.md.").AppendLine();
            Table(md, ["Agent", "Elo", "95% CI", "Games", "Points"],
                elo.Ratings.Select(r => new[] { r.Agent, Rating(r.Rating), Interval(r.Lower, r.Upper), Count(r.Games), Plain(r.Points, "0.#") }));
        }
        else
        {
            md.AppendLine(report.EloUnavailable).AppendLine();
        }

        md.AppendLine("## AUP").AppendLine();
        if (report.AupBest is { } best && report.AupLast is { } last)
        {
            md.AppendLine($"Area under the performance profile, as MLGym computes it, over {report.Competitions.Count(c => c.Baseline is not null)} competition(s) with a baseline. Best = the best attempt of each episode, last = its final submission.").AppendLine();
            Table(md, ["Method", "AUP best", "AUP last"],
                best.Profiles.Select(p => new[] { p.Method, Score(p.Area), Score(last.Profiles.FirstOrDefault(l => l.Method == p.Method)?.Area) }));
        }
        else
        {
            md.AppendLine("No competition in the report has a shipped baseline, so there is no AUP.").AppendLine();
        }

        md.AppendLine("## By competition").AppendLine();
        foreach (var competition in report.Competitions)
        {
            md.AppendLine($"### {competition.Id}").AppendLine();
            md.AppendLine($"{competition.Title}. Metric {competition.Metric} ({Direction(competition)}); baseline {Score(competition.Baseline)}, reference {Score(competition.Reference)}; {(competition.LeaderboardEntries is { } n ? $"leaderboard of {n} teams" : "no leaderboard, so no position score or medals")}.").AppendLine();
            Table(md, ["Agent", "Seeds", "Ungraded", "Final (mean ± SE)", "Best attempt", "Normalised", "Position", "Medal rate", "Above median", "Valid", "Steps", "Wall time", "Tokens in/out", "Cost", "Saw public scores"],
                report.Results.Where(r => r.CompetitionId == competition.Id).Select(r => new[]
                {
                    r.Agent, Count(r.Episodes), Count(r.Ungraded), WithError(r.FinalScore), WithError(r.BestScore), WithError(r.NormalizedScore), Score(r.PositionScore),
                    Rate(r.MedalRate), Rate(r.AboveMedianRate), Rate(r.ValidSubmissionRate), Plain(r.MeanSteps, "0.#"), Seconds(r.MeanWallSeconds),
                    r.TokensIn is null && r.TokensOut is null ? None : $"{Count(r.TokensIn)} / {Count(r.TokensOut)}", Money(r.Cost), $"{r.SawPublicScores} of {r.Episodes}",
                }));
        }

        if (report.Notes.Count > 0)
        {
            md.AppendLine("## Notes").AppendLine();
            foreach (var note in report.Notes)
            {
                md.AppendLine($"- {note}");
            }
        }

        return md.ToString();
    }

    private static void Table(StringBuilder md, IReadOnlyList<string> headers, IEnumerable<string[]> rows)
    {
        md.AppendLine($"| {string.Join(" | ", headers)} |");
        md.AppendLine($"|{string.Concat(headers.Select(_ => "---|"))}");
        foreach (var row in rows)
        {
            md.AppendLine($"| {string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))} |");
        }

        md.AppendLine();
    }
}
