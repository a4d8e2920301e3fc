using MleDojo.Reports.Statistics;

namespace MleDojo.Reports;

/// <summary>Agent × competition rows, and each agent's mean rank across competitions.</summary>
internal static class ResultAggregator
{
    public static IReadOnlyList<AgentCompetitionResult> Results(IReadOnlyList<EpisodeOutcome> episodes, IReadOnlyDictionary<string, CompetitionFacts> competitions) =>
        [.. episodes
            .GroupBy(e => (e.CompetitionId, e.Agent))
            .OrderBy(g => g.Key.CompetitionId, StringComparer.Ordinal).ThenBy(g => g.Key.Agent, StringComparer.Ordinal)
            .Select(g => Result(g.Key.Agent, competitions[g.Key.CompetitionId], [.. g]))];

    /// <summary>Per competition, agents ranked by mean final score (1 = best, ties share the mean of their ranks); each agent's mean over the competitions it played.</summary>
    public static IReadOnlyDictionary<string, double> MeanRanks(IReadOnlyList<AgentCompetitionResult> results, IReadOnlyDictionary<string, CompetitionFacts> competitions)
    {
        var ranks = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var competition in results.GroupBy(r => r.CompetitionId))
        {
            var facts = competitions[competition.Key];
            var scored = competition.Select(r => (r.Agent, Score: r.FinalScore?.Mean ?? double.NaN)).ToList();
            foreach (var (agent, score) in scored)
            {
                double better = scored.Count(o => Better(facts, o.Score, score));
                double tied = scored.Count(o => o.Score.Equals(score));
                var rank = better + ((tied + 1) / 2);
                (ranks.TryGetValue(agent, out var list) ? list : ranks[agent] = []).Add(rank);
            }
        }

        return ranks.ToDictionary(p => p.Key, p => p.Value.Average(), StringComparer.Ordinal);
    }

    // NaN (no score at all) is worse than any score.
    private static bool Better(CompetitionFacts facts, double a, double b) =>
        !double.IsNaN(a) && (double.IsNaN(b) || facts.IsBetter(a, b));

    private static AgentCompetitionResult Result(string agent, CompetitionFacts competition, IReadOnlyList<EpisodeOutcome> episodes)
    {
        var withBoard = competition.LeaderboardEntries is not null;
        var usage = episodes.Select(e => e.Usage).OfType<EpisodeUsage>().ToList();
        return new AgentCompetitionResult
        {
            Agent = agent,
            CompetitionId = competition.Id,
            Episodes = episodes.Count,
            Ungraded = episodes.Count(e => !e.Graded),
            FinalScore = Summary(episodes.Select(e => e.FinalScore)),
            BestScore = Summary(episodes.Select(e => e.BestScore)),
            NormalizedScore = Summary(episodes.Select(e => e.NormalizedScore)),
            PositionScore = withBoard ? Mean(episodes.Select(e => e.PositionScore)) : null,
            MedalRate = withBoard ? episodes.Count(e => e.Medal is "gold" or "silver" or "bronze") / (double)episodes.Count : null,
            Gold = episodes.Count(e => e.Medal == "gold"),
            Silver = episodes.Count(e => e.Medal == "silver"),
            Bronze = episodes.Count(e => e.Medal == "bronze"),
            AboveMedianRate = withBoard ? episodes.Count(e => e.AboveMedian == true) / (double)episodes.Count : null,
            ValidSubmissionRate = episodes.Count(e => e.Graded) / (double)episodes.Count,
            MeanSteps = episodes.Average(e => e.StepsUsed),
            MeanWallSeconds = Mean(episodes.Select(e => e.WallSeconds)),
            TokensIn = Sum(usage.Select(u => u.TokensIn)),
            TokensOut = Sum(usage.Select(u => u.TokensOut)),
            Cost = usage.Select(u => u.Cost).OfType<decimal>().ToList() is { Count: > 0 } costs ? costs.Sum() : null,
            SawPublicScores = episodes.Count(e => e.SawPublicScores),
        };
    }

    private static MeanAndError? Summary(IEnumerable<double?> values) =>
        values.OfType<double>().Where(double.IsFinite).ToList() is { Count: > 0 } finite ? MeanAndError.Of(finite) : null;

    private static double? Mean(IEnumerable<double?> values) =>
        values.OfType<double>().Where(double.IsFinite).ToList() is { Count: > 0 } finite ? finite.Average() : null;

    private static long? Sum(IEnumerable<long?> values) =>
        values.OfType<long>().ToList() is { Count: > 0 } present ? present.Sum() : null;
}
