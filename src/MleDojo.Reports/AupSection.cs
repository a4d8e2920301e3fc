using MleDojo.Reports.Statistics;

namespace MleDojo.Reports;

/// <summary>
/// The report's AUP: one task per competition with a shipped baseline; an agent's score on it is the mean over its seeds
/// of the best attempt or of the final submission, and none at all when no episode of it was graded. The baseline
/// takes part as a method, as in MLGym's tables.
/// </summary>
internal static class AupSection
{
    /// <summary>
    /// AUP of the best attempts and of the final submissions on one τ grid, as MLGym draws both on one τ_max: areas of
    /// the two are then comparable.
    /// </summary>
    public static (AupResult? Best, AupResult? Last) BestAndLast(EpisodeSet set)
    {
        var best = Compute(set, e => e.BestScore);
        var last = Compute(set, e => e.FinalScore);
        if (best is null || last is null || best.Tau[^1] == last.Tau[^1])
        {
            return (best, last);
        }

        var shared = new AupOptions { TauMax = Math.Max(best.Tau[^1], last.Tau[^1]) };
        return (Compute(set, e => e.BestScore, shared), Compute(set, e => e.FinalScore, shared));
    }

    public static AupResult? Compute(EpisodeSet set, Func<EpisodeOutcome, double?> score, AupOptions? options = null)
    {
        var agents = set.Episodes.Select(e => e.Agent).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var tasks = new List<AupTask>();
        foreach (var competition in set.Competitions.Values.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            if (competition.Baseline is not { } baseline)
            {
                continue;
            }

            var scores = new Dictionary<string, double?>(StringComparer.Ordinal) { [ReportOptions.BaselineAgent] = baseline };
            foreach (var agent in agents)
            {
                var played = set.Episodes.Where(e => e.CompetitionId == competition.Id && e.Agent == agent).ToList();
                scores[agent] = played.Any(e => e.Graded) ? BaselinePrecision.Snap(played.Select(score).OfType<double>().DefaultIfEmpty(double.NaN).Average(), baseline) : null;
            }

            tasks.Add(new AupTask(competition.Id, competition.HigherIsBetter, baseline, scores));
        }

        return tasks.Count == 0 ? null : Aup.Compute(tasks, options);
    }
}
