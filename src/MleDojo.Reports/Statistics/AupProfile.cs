namespace MleDojo.Reports.Statistics;

/// <summary>One method's performance profile and the area under it.</summary>
/// <param name="Method">The method.</param>
/// <param name="Area">The area under the profile: Σ_{i &lt; G-1} (τ_{i+1} - τ_i) · ρ(τ_i). Larger is better.</param>
/// <param name="Rho">ρ(τ_i) for every point of <see cref="AupResult.Tau"/>: the share of tasks with log10(ratio) ≤ τ_i.</param>
public sealed record AupProfile(string Method, double Area, IReadOnlyList<double> Rho);
