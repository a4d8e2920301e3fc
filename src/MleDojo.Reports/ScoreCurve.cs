namespace MleDojo.Reports;

/// <summary>
/// An agent's best public score so far against the budget step on one competition: the mean over its seeds, with a band
/// of one standard error where two or more seeds had a score by that step.
/// </summary>
/// <param name="CompetitionId">The competition.</param>
/// <param name="Agent">The agent.</param>
/// <param name="Steps">Budget steps, from the first at which any seed had a public score.</param>
/// <param name="Mean">Mean best-so-far public score at each step, over the seeds that had one by then.</param>
/// <param name="Lower">Mean minus one standard error (the mean itself with a single seed).</param>
/// <param name="Upper">Mean plus one standard error.</param>
public sealed record ScoreCurve(string CompetitionId, string Agent, IReadOnlyList<double> Steps, IReadOnlyList<double> Mean, IReadOnlyList<double> Lower, IReadOnlyList<double> Upper);
