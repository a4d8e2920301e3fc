namespace MleDojo.Reports;

/// <summary>Which recorded episodes a report covers. Every criterion left empty admits everything.</summary>
public sealed record ReportFilter
{
    /// <summary>Only sessions labelled with this experiment.</summary>
    public string? Experiment { get; init; }

    /// <summary>Only these agents (by the name the report gives them: the agent label, else the MCP client's name).</summary>
    public IReadOnlyList<string> Agents { get; init; } = [];

    /// <summary>Only these competitions, each given by its id or by a tag or category of the catalog.</summary>
    public IReadOnlyList<string> Competitions { get; init; } = [];

    /// <summary>Only sessions started at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The filter in words, for the report's header.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Experiment is not null)
        {
            parts.Add($"experiment {Experiment}");
        }

        if (Agents.Count > 0)
        {
            parts.Add($"agents {string.Join(", ", Agents)}");
        }

        if (Competitions.Count > 0)
        {
            parts.Add($"competitions {string.Join(", ", Competitions)}");
        }

        if (Since is { } since)
        {
            parts.Add($"since {since.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        }

        return parts.Count == 0 ? "every recorded episode" : string.Join("; ", parts);
    }
}
