namespace MleDojo.Reports.Statistics;

/// <summary>
/// Percentile intervals for Elo ratings from a bootstrap over competitions: competitions, not games, are the
/// independent unit, since one strong or weak competition moves every game played on it.
/// </summary>
internal static class EloBootstrap
{
    /// <summary>Each agent's interval (NaN, NaN when it has none) and how many resamples were usable.</summary>
    /// <param name="table">The games in canonical form.</param>
    /// <param name="anchor">The index of the anchor agent in <see cref="EloGameTable.Agents"/>.</param>
    /// <param name="options">Samples, level, seed, prior and anchor rating.</param>
    public static ((double Lower, double Upper)[] Intervals, int SamplesUsed) Run(
        EloGameTable table,
        int anchor,
        EloOptions options)
    {
        int agentCount = table.Agents.Count;
        int competitionCount = table.Competitions.Count;
        var draws = new List<double>[agentCount];
        for (int i = 0; i < agentCount; i++)
        {
            draws[i] = [];
        }

        // One generator drawing indices into the ordinally sorted competitions: the same seed and the same games
        // give the same resamples whatever order the games arrived in.
        var random = new Random(options.Seed);
        int used = 0;
        for (int sample = 0; sample < options.BootstrapSamples; sample++)
        {
            int[] drawn = new int[competitionCount];
            for (int k = 0; k < competitionCount; k++)
            {
                drawn[k] = random.Next(competitionCount);
            }

            Array.Sort(drawn);
            PairCounts counts = table.Sum(drawn);

            // Without the anchor's games the resample has no fixed point on the anchored scale, so it says nothing
            // about anyone's anchored rating; it is left out for every agent.
            if (!counts.HasGames(anchor))
            {
                continue;
            }

            used++;
            double[] ratings = BradleyTerryMap.Fit(counts, options.PriorStandardDeviation);
            for (int i = 0; i < agentCount; i++)
            {
                // An agent with no games in the resample would only show the prior's centre: skipped for this sample.
                if (counts.HasGames(i))
                {
                    draws[i].Add(ratings[i] - ratings[anchor] + options.AnchorRating);
                }
            }
        }

        var intervals = new (double Lower, double Upper)[agentCount];
        double tail = (1 - options.ConfidenceLevel) / 2;
        for (int i = 0; i < agentCount; i++)
        {
            if (draws[i].Count == 0)
            {
                intervals[i] = (double.NaN, double.NaN);
                continue;
            }

            draws[i].Sort();
            intervals[i] = (Percentile.Of(draws[i], tail), Percentile.Of(draws[i], 1 - tail));
        }

        return (intervals, used);
    }
}
