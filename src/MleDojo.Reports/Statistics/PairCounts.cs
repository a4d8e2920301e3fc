namespace MleDojo.Reports.Statistics;

/// <summary>
/// Games and points between each pair of agents (by index), the sufficient statistics of a Bradley–Terry fit. Points
/// are sums of 0, 0.5 and 1, which doubles hold exactly, so the totals do not depend on the order games are added in.
/// </summary>
internal sealed class PairCounts
{
    private readonly double[] _games;
    private readonly double[] _points;

    /// <summary>Empty counts for <paramref name="agentCount"/> agents.</summary>
    public PairCounts(int agentCount)
    {
        AgentCount = agentCount;
        _games = new double[agentCount * agentCount];
        _points = new double[agentCount * agentCount];
    }

    /// <summary>The number of agents (indices 0 to AgentCount - 1).</summary>
    public int AgentCount { get; }

    /// <summary>Games between agents <paramref name="i"/> and <paramref name="j"/>.</summary>
    public double Games(int i, int j) => _games[(i * AgentCount) + j];

    /// <summary>Points agent <paramref name="i"/> scored against agent <paramref name="j"/>.</summary>
    public double Points(int i, int j) => _points[(i * AgentCount) + j];

    /// <summary>Adds <paramref name="games"/> games in which <paramref name="i"/> scored <paramref name="pointsOfI"/>.</summary>
    public void Add(int i, int j, double games, double pointsOfI)
    {
        // Both orientations, so a reader never has to know which index was smaller.
        _games[(i * AgentCount) + j] += games;
        _games[(j * AgentCount) + i] += games;
        _points[(i * AgentCount) + j] += pointsOfI;
        _points[(j * AgentCount) + i] += games - pointsOfI;
    }

    /// <summary>Adds every count of <paramref name="other"/> to these.</summary>
    public void Add(PairCounts other)
    {
        for (int k = 0; k < _games.Length; k++)
        {
            _games[k] += other._games[k];
            _points[k] += other._points[k];
        }
    }

    /// <summary>True when agent <paramref name="i"/> has at least one game.</summary>
    public bool HasGames(int i)
    {
        for (int j = 0; j < AgentCount; j++)
        {
            if (Games(i, j) > 0)
            {
                return true;
            }
        }

        return false;
    }
}
