using MleDojo.Reports.Statistics;

namespace MleDojo.Reports;

/// <summary>
/// The report's Elo: every two agents that played the same competition with the same seed play one game on their final
/// scores, and the baseline pseudo-agent plays each such competition and seed at the shipped baseline score.
/// </summary>
internal static class EloSection
{
    public static (EloResult? Elo, string? Unavailable, IReadOnlyList<string> Notes) Fit(EpisodeSet set, ReportOptions options)
    {
        var notes = new List<string>();
        var entries = new List<EloEntry>();
        foreach (var episode in set.Episodes)
        {
            var competition = set.Competitions[episode.CompetitionId];
            if (episode.FinalScore is { } score)
            {
                entries.Add(new EloEntry(episode.Agent, episode.CompetitionId, episode.Seed, BaselinePrecision.Snap(score, competition.Baseline), competition.HigherIsBetter));
            }
        }

        foreach (var (competitionId, seed) in entries.Select(e => (e.Competition, e.Seed)).Distinct().Order())
        {
            if (set.Competitions[competitionId].Baseline is { } baseline)
            {
                entries.Add(new EloEntry(ReportOptions.BaselineAgent, competitionId, seed, baseline, set.Competitions[competitionId].HigherIsBetter));
            }
        }

        foreach (var competition in set.Episodes.GroupBy(e => e.CompetitionId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var agents = competition.Select(e => e.Agent).Distinct(StringComparer.Ordinal).ToList();
            if (agents.Count == 1)
            {
                notes.Add($"Only {agents[0]} played {competition.Key}: no pair of agents compares there, so its Elo games on it are against the baseline only.");
            }
        }

        var games = PairwiseGames.From(entries);
        var players = games.SelectMany(g => new[] { g.First, g.Second }).ToHashSet(StringComparer.Ordinal);
        if (games.Count == 0)
        {
            return (null, "There is no Elo: it needs two agents (or an agent and a competition's baseline) on the same competition and seed, and no episode had a score to compare.", notes);
        }

        if (!players.Contains(options.Anchor))
        {
            return (null, $"There is no Elo anchored at '{options.Anchor}': it played no game. Anchor at one of: {string.Join(", ", players.Order(StringComparer.Ordinal))}.", notes);
        }

        var elo = EloFit.Fit(games, new EloOptions { Anchor = options.Anchor, AnchorRating = options.AnchorRating, BootstrapSamples = options.BootstrapSamples });
        return (elo, null, notes);
    }
}
