namespace MleDojo.Reports;

/// <summary>Choices a report makes that the reader may want otherwise.</summary>
public sealed record ReportOptions
{
    /// <summary>The pseudo-agent that plays every competition at its shipped baseline score; parenthesised so no agent label is taken for it.</summary>
    public const string BaselineAgent = "(baseline)";

    /// <summary>The agent pinned at <see cref="AnchorRating"/>: the baseline pseudo-agent, or a named agent.</summary>
    public string Anchor { get; init; } = BaselineAgent;

    /// <summary>The anchor's Elo.</summary>
    public double AnchorRating { get; init; } = 1000;

    /// <summary>Bootstrap resamples over competitions for the Elo intervals.</summary>
    public int BootstrapSamples { get; init; } = 1000;

    /// <summary>When the report is made.</summary>
    public DateTimeOffset GeneratedAt { get; init; } = DateTimeOffset.UtcNow;
}
