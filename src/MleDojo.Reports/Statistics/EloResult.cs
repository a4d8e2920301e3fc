namespace MleDojo.Reports.Statistics;

/// <summary>The outcome of <see cref="EloFit.Fit"/>.</summary>
/// <param name="Ratings">One rating per agent, best first; equal ratings in ordinal name order.</param>
/// <param name="Anchor">The agent pinned to the anchor rating.</param>
/// <param name="Games">How many games the fit read.</param>
/// <param name="Competitions">How many distinct competitions those games were on (the bootstrap's unit).</param>
/// <param name="BootstrapSamples">
/// How many resamples the intervals are over: those asked for, less any that held none of the anchor's games and so
/// could not be placed on the anchored scale.
/// </param>
public sealed record EloResult(
    IReadOnlyList<EloRating> Ratings,
    string Anchor,
    int Games,
    int Competitions,
    int BootstrapSamples);
