namespace MleDojo.Server.Experiments;

/// <summary>One cell of the grid: an agent playing a competition with a seed.</summary>
internal sealed record ExperimentCell(ExperimentAgent Agent, string CompetitionId, long Seed)
{
    /// <summary>The cell's name, also its record's file name (without <c>.json</c>).</summary>
    public string Key => $"{Agent.Name}__{CompetitionId}__seed{Seed}";

    /// <summary>The grid in a stable order: agents, then competitions, then seeds.</summary>
    public static IReadOnlyList<ExperimentCell> Grid(ExperimentConfig config, IReadOnlyList<string> competitionIds) =>
        [.. from agent in config.Agents from competition in competitionIds from seed in config.Seeds select new ExperimentCell(agent, competition, seed)];
}
