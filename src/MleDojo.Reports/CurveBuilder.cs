using MleDojo.Reports.Statistics;

namespace MleDojo.Reports;

/// <summary>Best-so-far public score against step, per competition and agent, from the public scores each episode recorded.</summary>
internal static class CurveBuilder
{
    public static IReadOnlyList<ScoreCurve> Curves(EpisodeSet set)
    {
        var curves = new List<ScoreCurve>();
        foreach (var group in set.Episodes.GroupBy(e => (e.CompetitionId, e.Agent)).OrderBy(g => g.Key.CompetitionId, StringComparer.Ordinal).ThenBy(g => g.Key.Agent, StringComparer.Ordinal))
        {
            var competition = set.Competitions[group.Key.CompetitionId];
            var perEpisode = group.Select(e => BestSoFar(e, competition)).Where(c => c.Count > 0).ToList();
            if (perEpisode.Count == 0)
            {
                continue;
            }

            var lastStep = perEpisode.Max(c => c.Keys.Max());
            var firstStep = perEpisode.Min(c => c.Keys.Min());
            List<double> steps = [], mean = [], lower = [], upper = [];
            for (var step = firstStep; step <= lastStep; step++)
            {
                var values = perEpisode.Select(c => AtStep(c, step)).OfType<double>().ToList();
                if (values.Count == 0)
                {
                    continue;
                }

                var summary = MeanAndError.Of(values);
                var error = summary.StandardError ?? 0;
                steps.Add(step);
                mean.Add(summary.Mean);
                lower.Add(summary.Mean - error);
                upper.Add(summary.Mean + error);
            }

            curves.Add(new ScoreCurve(group.Key.CompetitionId, group.Key.Agent, steps, mean, lower, upper));
        }

        return curves;
    }

    /// <summary>The episode's best public score so far, at each step that changed or set it.</summary>
    private static SortedDictionary<int, double> BestSoFar(EpisodeOutcome episode, CompetitionFacts competition)
    {
        var best = new SortedDictionary<int, double>();
        double? current = null;
        foreach (var step in episode.Steps.Where(s => s.Action == "execute_code" && s.Step is not null && s.PublicScore is { } p && double.IsFinite(p)))
        {
            var score = step.PublicScore!.Value;
            if (current is not { } c || competition.IsBetter(score, c))
            {
                current = score;
                best[step.Step!.Value] = score;
            }
        }

        return best;
    }

    /// <summary>The best so far at a step: the last value set at or before it; null before the first public score.</summary>
    private static double? AtStep(SortedDictionary<int, double> best, int step)
    {
        double? value = null;
        foreach (var (at, score) in best)
        {
            if (at > step)
            {
                break;
            }

            value = score;
        }

        return value;
    }
}
