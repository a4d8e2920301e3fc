namespace MleDojo.Reports.Statistics;

/// <summary>
/// The games of an Elo fit in canonical form: agents and competitions in ordinal order, each competition's games
/// summed into <see cref="PairCounts"/>. Whatever order the games came in, the table is the same.
/// </summary>
internal sealed class EloGameTable
{
    private readonly PairCounts[] _byCompetition;

    private EloGameTable(IReadOnlyList<string> agents, IReadOnlyList<string> competitions, PairCounts[] byCompetition)
    {
        Agents = agents;
        Competitions = competitions;
        _byCompetition = byCompetition;
    }

    /// <summary>The agents, ordinal order; an agent's index in every <see cref="PairCounts"/> is its index here.</summary>
    public IReadOnlyList<string> Agents { get; }

    /// <summary>The distinct competitions, ordinal order.</summary>
    public IReadOnlyList<string> Competitions { get; }

    /// <summary>Builds the table from games already validated by the caller.</summary>
    public static EloGameTable From(IReadOnlyList<PairwiseGame> games)
    {
        string[] agents = games.SelectMany(game => new[] { game.First, game.Second })
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        string[] competitions = games.Select(game => game.Competition)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Dictionary<string, int> agentIndex = Index(agents);
        Dictionary<string, int> competitionIndex = Index(competitions);
        PairCounts[] byCompetition = competitions.Select(_ => new PairCounts(agents.Length)).ToArray();
        foreach (PairwiseGame game in games)
        {
            byCompetition[competitionIndex[game.Competition]]
                .Add(agentIndex[game.First], agentIndex[game.Second], 1, game.FirstScore);
        }

        return new EloGameTable(agents, competitions, byCompetition);
    }

    /// <summary>The counts over the competitions at <paramref name="competitionIndices"/>; an index given twice counts twice.</summary>
    public PairCounts Sum(IEnumerable<int> competitionIndices)
    {
        var total = new PairCounts(Agents.Count);
        foreach (int index in competitionIndices)
        {
            total.Add(_byCompetition[index]);
        }

        return total;
    }

    private static Dictionary<string, int> Index(string[] names)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            index[names[i]] = i;
        }

        return index;
    }
}
