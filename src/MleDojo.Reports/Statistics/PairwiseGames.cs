namespace MleDojo.Reports.Statistics;

/// <summary>Turns episodes' final scores into the pairwise games an Elo fit reads.</summary>
public static class PairwiseGames
{
    /// <summary>
    /// Every two distinct agents with an entry for the same competition and seed play one game: the better score
    /// by the entry's direction wins (1 to the winner, 0 to the loser), and an exact tie gives 0.5 to each.
    /// </summary>
    /// <param name="entries">One entry per agent, competition and seed; the caller removes duplicates.</param>
    /// <returns>
    /// The games in a canonical order (competition, seed, first, second, all ordinal), with <see cref="PairwiseGame.First"/>
    /// the ordinally smaller agent name, so the same entries in any order give the same list.
    /// </returns>
    /// <exception cref="ArgumentException">
    /// An agent has two entries for the same competition and seed, a score is not a finite number, or the entries on one
    /// competition and seed disagree on the metric's direction.
    /// </exception>
    public static IReadOnlyList<PairwiseGame> From(IEnumerable<EloEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var games = new List<PairwiseGame>();
        IEnumerable<IGrouping<(string Competition, string Seed), EloEntry>> groups = entries
            .GroupBy(entry => (entry.Competition, entry.Seed))
            .OrderBy(group => group.Key.Competition, StringComparer.Ordinal)
            .ThenBy(group => group.Key.Seed, StringComparer.Ordinal);
        foreach (IGrouping<(string Competition, string Seed), EloEntry> group in groups)
        {
            EloEntry[] players = group.OrderBy(entry => entry.Agent, StringComparer.Ordinal).ToArray();
            Validate(players);
            for (int i = 0; i < players.Length; i++)
            {
                for (int j = i + 1; j < players.Length; j++)
                {
                    games.Add(Play(players[i], players[j]));
                }
            }
        }

        return games;
    }

    private static void Validate(EloEntry[] players)
    {
        for (int i = 0; i < players.Length; i++)
        {
            EloEntry entry = players[i];
            if (!double.IsFinite(entry.Score))
            {
                throw new ArgumentException(
                    $"Agent '{entry.Agent}' has a score that is not a finite number on competition '{entry.Competition}', seed '{entry.Seed}'.",
                    "entries");
            }

            // Sorted by name, so a duplicate sits next to its twin.
            if (i > 0 && string.Equals(players[i - 1].Agent, entry.Agent, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"Agent '{entry.Agent}' has more than one entry for competition '{entry.Competition}', seed '{entry.Seed}'; keep one episode per agent, competition and seed.",
                    "entries");
            }

            if (entry.HigherIsBetter != players[0].HigherIsBetter)
            {
                throw new ArgumentException(
                    $"The entries for competition '{entry.Competition}', seed '{entry.Seed}' disagree on whether higher is better ('{players[0].Agent}' and '{entry.Agent}').",
                    "entries");
            }
        }
    }

    private static PairwiseGame Play(EloEntry first, EloEntry second)
    {
        double firstScore;
        if (first.Score == second.Score)
        {
            firstScore = 0.5;
        }
        else
        {
            bool firstHigher = first.Score > second.Score;
            firstScore = firstHigher == first.HigherIsBetter ? 1 : 0;
        }

        return new PairwiseGame(first.Competition, first.Seed, first.Agent, second.Agent, firstScore);
    }
}
