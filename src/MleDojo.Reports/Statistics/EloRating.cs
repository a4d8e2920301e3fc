namespace MleDojo.Reports.Statistics;

/// <summary>One agent's Elo rating with its bootstrap interval.</summary>
/// <param name="Agent">The agent.</param>
/// <param name="Rating">The fitted rating on the anchored Elo scale.</param>
/// <param name="Lower">
/// The lower bound of the bootstrap percentile interval; NaN when there is no interval (no bootstrap samples were asked
/// for, or no usable resample held this agent's games).
/// </param>
/// <param name="Upper">The upper bound of the interval; NaN exactly when <paramref name="Lower"/> is.</param>
/// <param name="Games">How many games the agent played.</param>
/// <param name="Points">Wins plus half the ties over those games.</param>
public sealed record EloRating(string Agent, double Rating, double Lower, double Upper, int Games, double Points);
