namespace MleDojo.Reports.Statistics;

/// <summary>One game between two agents: their episodes on the same competition and seed, compared by score.</summary>
/// <param name="Competition">The competition both episodes were on.</param>
/// <param name="Seed">The seed both episodes used.</param>
/// <param name="First">One agent; <see cref="PairwiseGames.From"/> puts the ordinally smaller name here.</param>
/// <param name="Second">The other agent.</param>
/// <param name="FirstScore">1 when <paramref name="First"/> won, 0 when <paramref name="Second"/> won, 0.5 for an exact tie.</param>
public sealed record PairwiseGame(string Competition, string Seed, string First, string Second, double FirstScore);
