using MleDojo.Core;

namespace MleDojo.Reports;

/// <summary>The store holds nothing the report was asked for: the message says what was missing, the hint what there is.</summary>
public sealed class ReportException(string code, string message, string? hint = null) : DojoException(code, message, hint)
{
    /// <summary>The data root has no recorded sessions at all.</summary>
    public const string EmptyStore = "empty_store";

    /// <summary>No session carries the experiment label asked for.</summary>
    public const string UnknownExperiment = "unknown_experiment";

    /// <summary>No agent by a name asked for.</summary>
    public const string UnknownAgent = "unknown_agent";

    /// <summary>A competition id, tag or category that the catalog does not know.</summary>
    public const string UnknownCompetition = "unknown_competition";

    /// <summary>Sessions exist, but none is a finished episode that passes the filter.</summary>
    public const string NoEpisodes = "no_episodes";
}
