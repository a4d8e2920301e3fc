namespace MleDojo.Reports.Statistics;

/// <summary>How <see cref="EloFit.Fit"/> fits and anchors ratings and how it bootstraps their intervals.</summary>
public sealed record EloOptions
{
    /// <summary>
    /// The agent pinned to <see cref="AnchorRating"/>. Required: a Bradley–Terry fit only determines differences, so
    /// without an anchor a rating means nothing (usually the baseline or a reference model).
    /// </summary>
    public string? Anchor { get; init; }

    /// <summary>The rating the anchor gets exactly; every other rating is relative to it.</summary>
    public double AnchorRating { get; init; } = 1000;

    /// <summary>How many bootstrap resamples of the competitions to refit for the intervals; 0 computes no intervals.</summary>
    public int BootstrapSamples { get; init; } = 1000;

    /// <summary>The coverage of the percentile interval, strictly between 0 and 1 (0.95: the 2.5th to 97.5th percentile).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>The seed of the bootstrap's <see cref="Random"/>, so the same games always give the same intervals.</summary>
    public int Seed { get; init; } = 20261201;

    /// <summary>
    /// The standard deviation, in Elo points, of the Gaussian prior centred on 0 that each rating gets before the anchor
    /// shift (a maximum a posteriori fit). It keeps an agent with a perfect record, and a comparison graph in pieces,
    /// finite; with many games per agent it moves a rating by well under 1%. Must be finite and positive.
    /// </summary>
    public double PriorStandardDeviation { get; init; } = 400;
}
