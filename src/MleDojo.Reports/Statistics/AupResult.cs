namespace MleDojo.Reports.Statistics;

/// <summary>The outcome of <see cref="Aup.Compute"/>: the τ grid and every method's profile on it.</summary>
/// <param name="Tau">The grid, from 0 to τ_max, in log10 ratio units; plot each profile's ρ against it as a step function.</param>
/// <param name="Profiles">One profile per method, largest area first; equal areas in ordinal name order.</param>
public sealed record AupResult(IReadOnlyList<double> Tau, IReadOnlyList<AupProfile> Profiles);
