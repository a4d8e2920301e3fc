namespace MleDojo.Reports.Statistics;

/// <summary>One episode's final score, the unit <see cref="PairwiseGames.From"/> turns into games.</summary>
/// <param name="Agent">The agent (or model) that played the episode.</param>
/// <param name="Competition">The competition the episode was on.</param>
/// <param name="Seed">The episode's seed; only entries with the same competition and seed are compared.</param>
/// <param name="Score">The episode's final score.</param>
/// <param name="HigherIsBetter">The competition metric's direction.</param>
public sealed record EloEntry(string Agent, string Competition, string Seed, double Score, bool HigherIsBetter);
