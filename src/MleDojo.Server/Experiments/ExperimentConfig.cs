namespace MleDojo.Server.Experiments;

/// <summary>An experiment file (<c>experiment.yaml</c>): the agents, competitions and seeds whose grid is played.</summary>
internal sealed record ExperimentConfig
{
    /// <summary>The experiment's id: its <c>experiment</c> label and its directory under <c>$MLEDOJO_HOME/experiments</c>.</summary>
    public required string Id { get; init; }

    public required IReadOnlyList<ExperimentAgent> Agents { get; init; }

    /// <summary>Competition ids or tags, as written; resolved through the catalog by the verb.</summary>
    public required IReadOnlyList<string> Competitions { get; init; }

    public required IReadOnlyList<long> Seeds { get; init; }

    /// <summary>Steps per episode, below the server's ceiling (null: the server's budget).</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Seconds per run, below the server's ceiling.</summary>
    public int? RunTimeoutSeconds { get; init; }

    /// <summary>Seconds per episode, below the server's ceiling.</summary>
    public int? EpisodeTimeoutSeconds { get; init; }
}
