using System.Globalization;
using MleDojo.Reports.Html;
using MleDojo.Reports.Plots;
using static MleDojo.Reports.Formats.ReportNumbers;

namespace MleDojo.Reports.Formats;

/// <summary>
/// The report as one self-contained HTML page: the sortable leaderboard, Elo with its intervals, the performance
/// profiles, normalised-score and medal bars, per competition the best-so-far curves and the agents' results, and a
/// drill-down into every episode's steps. Plots are ScottPlot SVG inlined in the page; nothing is fetched.
/// </summary>
public static class HtmlReport
{
    private const int Width = 900;

    /// <summary>Renders the report.</summary>
    public static string Render(LeaderboardReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var colours = new AgentColours(report);
        var page = new HtmlPage("MleDojo leaderboard", report.GeneratedAt);
        page.AddSection("summary", "Summary", new HtmlParagraph(
            $"{report.Episodes.Count} episode(s) of {report.Standings.Count} agent(s) on {report.Competitions.Count} competition(s); {report.Scope}. " +
            "An episode without a graded submission scores as the competition's baseline and is counted as ungraded."));
        page.AddSection("leaderboard", "Leaderboard", Leaderboard(report));
        page.AddSection("elo", "Elo", [.. Elo(report, colours)]);
        page.AddSection("profiles", "Performance profiles (AUP)", [.. Profiles(report, colours)]);
        page.AddSection("scores", "Normalised scores and medals", [.. Bars(report)]);
        page.AddSection("competitions", "By competition", [.. report.Competitions.SelectMany(c => Competition(report, c, colours))]);
        page.AddSection("episodes", "Episodes", [.. report.Episodes.Select(Episode)]);
        if (report.Notes.Count > 0)
        {
            page.AddSection("notes", "Notes", [.. report.Notes.Select(n => new HtmlParagraph(n))]);
        }

        return page.Render();
    }

    private static HtmlTable Leaderboard(LeaderboardReport report)
    {
        var table = new HtmlTable(["Agent", "Elo", "95% CI", "AUP best", "AUP last", "Mean normalised", "Mean position", "Gold", "Silver", "Bronze", "Mean rank", "Episodes", "Ungraded"], "One row per agent; click a header to sort.");
        foreach (var s in report.Standings)
        {
            table.AddRow(
                s.Agent,
                Number(s.Elo?.Rating, "0"),
                s.Elo is { } e ? Interval(e.Lower, e.Upper) : HtmlCell.Missing,
                Number(s.AupBest, "0.000"),
                Number(s.AupLast, "0.000"),
                Number(s.MeanNormalizedScore, "0.000"),
                Number(s.MeanPositionScore, "0.000"),
                HtmlCell.Number(s.Gold, "0"),
                HtmlCell.Number(s.Silver, "0"),
                HtmlCell.Number(s.Bronze, "0"),
                HtmlCell.Number(s.MeanRank, "0.00"),
                HtmlCell.Number(s.Episodes, "0"),
                HtmlCell.Number(s.Ungraded, "0"));
        }

        return table;
    }

    private static IEnumerable<IHtmlBlock> Elo(LeaderboardReport report, AgentColours colours)
    {
        if (report.Elo is not { } elo)
        {
            yield return new HtmlParagraph(report.EloUnavailable ?? "There is no Elo.");
            yield break;
        }

        var anchor = elo.Ratings.First(r => r.Agent == elo.Anchor).Rating;
        yield return new HtmlParagraph($"Bradley–Terry fit on the Elo scale over {elo.Games} game(s) on {elo.Competitions} competition(s); {elo.Anchor} is pinned at {Rating(anchor)}. Intervals: 95%, from {elo.BootstrapSamples} bootstrap resamples of the competitions.");
        yield return new HtmlFigure("elo-plot", "Elo with 95% bootstrap intervals", new IntervalPlot(
            "Elo",
            "Elo",
            [.. elo.Ratings.Select(r => new IntervalPoint(r.Agent, r.Rating, double.IsFinite(r.Lower) ? r.Lower : r.Rating, double.IsFinite(r.Upper) ? r.Upper : r.Rating, colours.Of(r.Agent)))],
            anchor).ToSvg(Width, 120 + (40 * elo.Ratings.Count)));
        var table = new HtmlTable(["Agent", "Elo", "Lower", "Upper", "Games", "Points"]);
        foreach (var r in elo.Ratings)
        {
            table.AddRow(r.Agent, Number(r.Rating, "0"), Number(r.Lower, "0"), Number(r.Upper, "0"), HtmlCell.Number(r.Games, "0"), HtmlCell.Number(r.Points, "0.#"));
        }

        yield return table;
    }

    private static IEnumerable<IHtmlBlock> Profiles(LeaderboardReport report, AgentColours colours)
    {
        if (report.AupBest is not { } best || report.AupLast is not { } last)
        {
            yield return new HtmlParagraph("No competition in the report has a shipped baseline, so there is no AUP.");
            yield break;
        }

        yield return new HtmlParagraph("ρ(τ) is the share of competitions on which a method's score is within a factor 10^τ of the best; AUP is the area under it, as MLGym computes it.");
        yield return new HtmlFigure("profile-best", "Performance profiles of the best attempts", new ProfilePlot("Best attempt", best.Tau, [.. best.Profiles.Select(p => new ProfileSeries(p.Method, p.Rho, colours.Of(p.Method)))]).ToSvg(Width, 420));
        yield return new HtmlFigure("profile-last", "Performance profiles of the final submissions", new ProfilePlot("Final submission", last.Tau, [.. last.Profiles.Select(p => new ProfileSeries(p.Method, p.Rho, colours.Of(p.Method)))]).ToSvg(Width, 420));
    }

    private static IEnumerable<IHtmlBlock> Bars(LeaderboardReport report)
    {
        var agents = report.Standings.Select(s => s.Agent).ToList();
        var height = 120 + (40 * agents.Count);
        var normalized = report.Standings.Select(s => s.MeanNormalizedScore ?? double.NaN).ToList();
        yield return new HtmlFigure("normalized-bars", "Mean normalised score (0 = shipped baseline, 1 = shipped reference) over the competitions each agent played", new BarPlot(
            "Mean normalised score", "normalised score", agents, [new BarGroup("normalised", normalized)], Stacked: false).ToSvg(Width, height));
        if (report.Competitions.All(c => c.LeaderboardEntries is null))
        {
            yield return new HtmlParagraph("No competition in the report has a leaderboard of human teams, so there are no medals or position scores.");
            yield break;
        }

        yield return new HtmlFigure("medal-bars", "Medals by MLE-bench's thresholds", new BarPlot(
            "Medals",
            "medals",
            agents,
            [
                new BarGroup("gold", [.. report.Standings.Select(s => (double)s.Gold)], Color: "#D4AF37"),
                new BarGroup("silver", [.. report.Standings.Select(s => (double)s.Silver)], Color: "#A8A9AD"),
                new BarGroup("bronze", [.. report.Standings.Select(s => (double)s.Bronze)], Color: "#B08D57"),
            ],
            Stacked: true,
            WholeNumbers: true).ToSvg(Width, height));
    }

    private static IEnumerable<IHtmlBlock> Competition(LeaderboardReport report, CompetitionFacts competition, AgentColours colours)
    {
        yield return new HtmlParagraph($"{competition.Id}: {competition.Title}. Metric {competition.Metric} ({Direction(competition)}); baseline {Score(competition.Baseline)}, reference {Score(competition.Reference)}; {(competition.LeaderboardEntries is { } n ? $"leaderboard of {n} teams" : "no leaderboard")}.");
        var curves = report.Curves.Where(c => c.CompetitionId == competition.Id).ToList();
        if (curves.Count > 0)
        {
            yield return new HtmlFigure(
                $"curve-{Slug(competition.Id)}",
                $"{competition.Id}: best public score so far against step (mean over seeds, band ± one standard error)",
                new BestSoFarPlot(competition.Id, competition.Metric, [.. curves.Select(c => new CurveSeries(c.Agent, c.Steps, c.Mean, c.Lower, c.Upper, colours.Of(c.Agent)))], competition.Baseline, competition.Reference).ToSvg(Width, 400));
        }

        var table = new HtmlTable(["Agent", "Seeds", "Ungraded", "Final", "Best attempt", "Normalised", "Position", "Medal rate", "Valid", "Steps", "Wall time", "Tokens in", "Tokens out", "Cost", "Saw public"]);
        foreach (var r in report.Results.Where(r => r.CompetitionId == competition.Id))
        {
            table.AddRow(
                r.Agent,
                HtmlCell.Number(r.Episodes, "0"),
                HtmlCell.Number(r.Ungraded, "0"),
                new HtmlCell(WithError(r.FinalScore), r.FinalScore?.Mean),
                new HtmlCell(WithError(r.BestScore), r.BestScore?.Mean),
                new HtmlCell(WithError(r.NormalizedScore), r.NormalizedScore?.Mean),
                Number(r.PositionScore, "0.000"),
                new HtmlCell(Rate(r.MedalRate), r.MedalRate),
                new HtmlCell(Rate(r.ValidSubmissionRate), r.ValidSubmissionRate),
                HtmlCell.Number(r.MeanSteps, "0.#"),
                new HtmlCell(Seconds(r.MeanWallSeconds), r.MeanWallSeconds),
                Number(r.TokensIn, "N0"),
                Number(r.TokensOut, "N0"),
                new HtmlCell(Money(r.Cost), r.Cost is { } cost ? (double)cost : null),
                $"{r.SawPublicScores} of {r.Episodes}");
        }

        yield return table;
    }

    private static HtmlDetails Episode(EpisodeOutcome e)
    {
        var summary = $"{e.Agent} on {e.CompetitionId}, seed {e.Seed}: final {Score(e.FinalScore)}{(e.Graded ? "" : " (ungraded: the baseline)")}, best attempt {Score(e.BestScore)}, {e.StepsUsed} step(s), {e.State}";
        var steps = new HtmlTable(["Call", "Step", "Action", "Status", "Public", "Private", "Duration"]);
        var blocks = new List<IHtmlBlock> { new HtmlParagraph($"Session {e.SessionId}{(e.Client is null ? "" : $", client {e.Client}")}; ended: {e.EndReason ?? e.State}.") };
        foreach (var s in e.Steps)
        {
            steps.AddRow(HtmlCell.Number(s.Seq, "0"), s.Step is { } n ? HtmlCell.Number(n, "0") : HtmlCell.Missing, s.Action, s.Status, Number(s.PublicScore, "0.0000"), Number(s.PrivateScore, "0.0000"), new HtmlCell(Seconds(s.DurationSeconds), s.DurationSeconds));
        }

        blocks.Add(steps);
        blocks.AddRange(e.Steps.Where(s => s.Code is not null).Select(s => new HtmlCode(s.Code!, $"step {s.Step?.ToString(CultureInfo.InvariantCulture) ?? "?"}: {s.Action} → {s.Status}, public {Score(s.PublicScore)}, private {Score(s.PrivateScore)}")));
        return new HtmlDetails(summary, blocks);
    }

    private static HtmlCell Number(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? HtmlCell.Number(ReportNumbers.ShownAsZero(v, format) ? 0 : v, format) : new HtmlCell(HtmlCell.Missing);

    private static HtmlCell Number(long? value, string format) =>
        value is { } v ? HtmlCell.Number(v, format) : new HtmlCell(HtmlCell.Missing);

    // Figure ids must be plain identifiers; competition ids hold hyphens.
    private static string Slug(string id) => new([.. id.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);

    /// <summary>One colour per agent on every plot: its place on the leaderboard, the baseline pseudo-agent after them.</summary>
    private sealed class AgentColours(LeaderboardReport report)
    {
        private readonly List<string> _agents = [.. report.Standings.Select(s => s.Agent), ReportOptions.BaselineAgent];

        public int Of(string agent) => _agents.IndexOf(agent) is >= 0 and var index ? index : _agents.Count;
    }
}
