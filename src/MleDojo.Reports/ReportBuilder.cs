namespace MleDojo.Reports;

/// <summary>Computes a <see cref="LeaderboardReport"/> from the episodes the reader found.</summary>
public static class ReportBuilder
{
    /// <summary>Builds the report; the same episodes and options always give the same report.</summary>
    public static LeaderboardReport Build(EpisodeSet set, ReportFilter filter, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(options);
        var results = ResultAggregator.Results(set.Episodes, set.Competitions);
        var ranks = ResultAggregator.MeanRanks(results, set.Competitions);
        var (elo, eloUnavailable, eloNotes) = EloSection.Fit(set, options);
        var (aupBest, aupLast) = AupSection.BestAndLast(set);
        var notes = set.Notes.Concat(eloNotes).ToList();
        if (aupBest is null)
        {
            notes.Add("There is no AUP: no competition in the report has a shipped baseline score to tell feasible from infeasible.");
        }

        var standings = results
            .GroupBy(r => r.Agent)
            .Select(g => new AgentStanding
            {
                Agent = g.Key,
                Episodes = g.Sum(r => r.Episodes),
                Competitions = g.Count(),
                Ungraded = g.Sum(r => r.Ungraded),
                Elo = elo?.Ratings.FirstOrDefault(r => r.Agent == g.Key),
                AupBest = aupBest?.Profiles.FirstOrDefault(p => p.Method == g.Key)?.Area,
                AupLast = aupLast?.Profiles.FirstOrDefault(p => p.Method == g.Key)?.Area,
                MeanNormalizedScore = g.Select(r => r.NormalizedScore?.Mean).OfType<double>().ToList() is { Count: > 0 } n ? n.Average() : null,
                MeanPositionScore = g.Select(r => r.PositionScore).OfType<double>().ToList() is { Count: > 0 } p ? p.Average() : null,
                Gold = g.Sum(r => r.Gold),
                Silver = g.Sum(r => r.Silver),
                Bronze = g.Sum(r => r.Bronze),
                MeanRank = ranks[g.Key],
            })
            .OrderByDescending(s => s.Elo?.Rating ?? double.NegativeInfinity)
            .ThenBy(s => s.MeanRank)
            .ThenBy(s => s.Agent, StringComparer.Ordinal)
            .ToList();

        return new LeaderboardReport
        {
            GeneratedAt = options.GeneratedAt,
            Scope = filter.Describe(),
            Competitions = [.. set.Competitions.Values.OrderBy(c => c.Id, StringComparer.Ordinal)],
            Standings = standings,
            Results = results,
            Elo = elo,
            EloUnavailable = eloUnavailable,
            AupBest = aupBest,
            AupLast = aupLast,
            Curves = CurveBuilder.Curves(set),
            Episodes = set.Episodes,
            Notes = notes,
        };
    }
}
