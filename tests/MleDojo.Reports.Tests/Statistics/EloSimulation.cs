using System.Globalization;
using MleDojo.Reports.Statistics;

namespace MleDojo.Reports.Tests.Statistics;

/// <summary>Games drawn from known Elo ratings, the ground truth the fit must recover.</summary>
internal static class EloSimulation
{
    /// <summary>
    /// One episode per agent, competition and seed, scored as strength plus standard Gumbel noise: the difference of
    /// two Gumbel variables is logistic, so P(i scores higher than j) = 1 / (1 + 10^((R_j - R_i) / 400)) exactly, the
    /// model being fitted. The games go through <see cref="PairwiseGames.From"/>, as a report's would.
    /// </summary>
    public static IReadOnlyList<PairwiseGame> Games(
        IReadOnlyDictionary<string, double> ratings,
        int competitions,
        int seedsPerCompetition,
        int randomSeed)
    {
        var random = new Random(randomSeed);
        double scale = Math.Log(10) / 400;
        var entries = new List<EloEntry>();
        for (int c = 0; c < competitions; c++)
        {
            // Half the competitions lower-is-better, with the score negated, so both directions are exercised.
            bool higherIsBetter = c % 2 == 0;
            string competition = "comp-" + c.ToString(CultureInfo.InvariantCulture);
            for (int s = 0; s < seedsPerCompetition; s++)
            {
                string seed = s.ToString(CultureInfo.InvariantCulture);
                foreach ((string agent, double rating) in ratings)
                {
                    double strength = (scale * rating) + Gumbel(random);
                    entries.Add(new EloEntry(agent, competition, seed, higherIsBetter ? strength : -strength, higherIsBetter));
                }
            }
        }

        return PairwiseGames.From(entries);
    }

    private static double Gumbel(Random random)
    {
        // NextDouble can return 0, whose log is -infinity.
        double uniform;
        do
        {
            uniform = random.NextDouble();
        }
        while (uniform == 0);
        return -Math.Log(-Math.Log(uniform));
    }
}
