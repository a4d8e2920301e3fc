namespace MleDojo.Reports;

/// <summary>The finished episodes a report covers, the competitions they were played on, and what was left out and why.</summary>
/// <param name="Episodes">Episodes, ordered by competition, agent, seed and start.</param>
/// <param name="Competitions">The competitions of those episodes, by id.</param>
/// <param name="Notes">What the reader skipped or decided, one sentence each.</param>
public sealed record EpisodeSet(IReadOnlyList<EpisodeOutcome> Episodes, IReadOnlyDictionary<string, CompetitionFacts> Competitions, IReadOnlyList<string> Notes);
