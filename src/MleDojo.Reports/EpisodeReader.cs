using MleDojo.Core.Competitions;
using MleDojo.Core.Recording;
using MleDojo.Core.Serialization;
using MleDojo.Core.Sessions;

namespace MleDojo.Reports;

/// <summary>
/// Reads the finished episodes a report covers from the store: filters sessions, drops those a reset replaced, keeps
/// one episode per agent, competition and seed, and turns each into an <see cref="EpisodeOutcome"/>.
/// </summary>
/// <param name="store">The server's store.</param>
/// <param name="registry">The competitions the server knows.</param>
/// <param name="snapshots">Grades each step's snapshot for the best-attempt score; null to use the final score instead.</param>
/// <param name="usage">Tokens and cost by session id, where the agent reported them.</param>
/// <param name="visible">
/// The sessions this reader may see at all (a tenant's own, on the dashboard); null for every session. Sessions it may
/// not see are left out before anything else, so a report and its errors say nothing of them.
/// </param>
public sealed class EpisodeReader(SqliteSessionStore store, CompetitionRegistry registry, SnapshotGrader? snapshots = null, IReadOnlyDictionary<string, EpisodeUsage>? usage = null, Func<SessionRecord, bool>? visible = null)
{
    /// <summary>The agent name of a session that has neither an agent label nor a client name.</summary>
    public const string Unlabelled = "unlabelled";

    /// <summary>Reads the episodes that pass <paramref name="filter"/>.</summary>
    /// <exception cref="ReportException">The store is empty, or nothing matches what the filter names; the message says which.</exception>
    public async Task<EpisodeSet> ReadAsync(ReportFilter filter, IProgress<ReportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var all = (await store.ListSessionsAsync(cancellationToken).ConfigureAwait(false)).Where(s => visible is null || visible(s)).ToList();
        if (all.Count == 0)
        {
            throw new ReportException(
                ReportException.EmptyStore,
                "No sessions are recorded in this data root, so there is nothing to report.",
                "Play an episode first (./run demo, mledojo agent run, mledojo eval or any MCP client), or point --home or MLEDOJO_HOME at the server's data root.");
        }

        var notes = new List<string>();
        var competitionIds = CompetitionsOf(filter);
        var replaced = all.Select(s => s.PreviousSessionId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var candidates = all
            .Where(s => filter.Experiment is null || s.Labels.Experiment == filter.Experiment)
            .Where(s => filter.Since is not { } since || s.CreatedAt >= since)
            .Where(s => competitionIds is null || competitionIds.Contains(s.CompetitionId))
            .ToList();
        CheckNamed(filter, all);
        candidates = [.. candidates.Where(s => filter.Agents.Count == 0 || filter.Agents.Contains(AgentOf(s), StringComparer.Ordinal))];

        var active = candidates.Count(s => IsLive(s.State));
        if (active > 0)
        {
            notes.Add($"{active} episode(s) still active were left out; they count once they end.");
        }

        var superseded = candidates.Count(s => !IsLive(s.State) && replaced.Contains(s.Id));
        if (superseded > 0)
        {
            notes.Add($"{superseded} episode(s) replaced by a reset were left out; the episode that replaced each one counts.");
        }

        var unknown = candidates.Where(s => !registry.TryGet(s.CompetitionId, out _)).Select(s => s.CompetitionId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            notes.Add($"Episodes of competitions this server no longer knows were left out: {string.Join(", ", unknown)}.");
        }

        var finished = candidates
            .Where(s => !IsLive(s.State) && !replaced.Contains(s.Id) && registry.TryGet(s.CompetitionId, out _))
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
        if (finished.Count == 0)
        {
            throw new ReportException(
                ReportException.NoEpisodes,
                $"No finished episode matches {filter.Describe()}: {candidates.Count} session(s) matched, {active} of them still active.",
                "Widen the filter, or end the active episodes (end_session) first.");
        }

        var competitions = finished.Select(s => s.CompetitionId).Distinct(StringComparer.Ordinal)
            .ToDictionary(id => id, id => new CompetitionFacts(registry.Get(id)), StringComparer.Ordinal);
        var episodes = new List<EpisodeOutcome>(finished.Count);
        var unseeded = new Dictionary<(string Agent, string Competition), int>();
        for (var i = 0; i < finished.Count; i++)
        {
            var session = finished[i];
            var agent = AgentOf(session);
            var seed = session.Labels.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (seed is null)
            {
                var key = (agent, session.CompetitionId);
                unseeded[key] = unseeded.GetValueOrDefault(key) + 1;
                seed = $"#{unseeded[key]}";
            }

            var steps = await store.ListStepsAsync(session.Id, cancellationToken).ConfigureAwait(false);
            episodes.Add(await OutcomeAsync(session, agent, seed, steps, competitions[session.CompetitionId], cancellationToken).ConfigureAwait(false));
            progress?.Report(new ReportProgress(i + 1, finished.Count));
        }

        var kept = episodes.GroupBy(e => (e.Agent, e.CompetitionId, e.Seed)).Select(g => g.MaxBy(e => e.StartedAt)!).ToList();
        if (kept.Count < episodes.Count)
        {
            notes.Add($"{episodes.Count - kept.Count} episode(s) repeated an agent, competition and seed already played; only the latest of each counts.");
        }

        return new EpisodeSet(
            [.. kept.OrderBy(e => e.CompetitionId, StringComparer.Ordinal).ThenBy(e => e.Agent, StringComparer.Ordinal).ThenBy(e => e.Seed, StringComparer.Ordinal).ThenBy(e => e.StartedAt)],
            competitions,
            notes);
    }

    /// <summary>The name a report gives the agent of a session.</summary>
    public static string AgentOf(SessionRecord session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Labels.Agent ?? session.Labels.ClientName ?? Unlabelled;
    }

    private async Task<EpisodeOutcome> OutcomeAsync(SessionRecord session, string agent, string seed, IReadOnlyList<StepRecord> records, CompetitionFacts competition, CancellationToken cancellationToken)
    {
        var final = session.ReadFinal();
        var privateScore = final?.PrivateScore is { } p && double.IsFinite(p) ? p : (double?)null;
        var finalScore = privateScore ?? competition.Baseline;
        var steps = new List<EpisodeStep>(records.Count);
        double? best = privateScore;
        foreach (var record in records)
        {
            var stepPrivate = record.PrivateScore;
            if (record.Action == ActionName.ExecuteCode && record.SubmissionSnapshot is { } snapshot && snapshots is not null)
            {
                stepPrivate = await snapshots.PrivateScoreAsync(competition.Spec, snapshot, cancellationToken).ConfigureAwait(false);
            }

            if (stepPrivate is { } s && double.IsFinite(s) && (best is not { } b || competition.IsBetter(s, b)))
            {
                best = s;
            }

            steps.Add(new EpisodeStep(record.Seq, record.Step, DojoJson.WireName(record.Action), DojoJson.WireName(record.Status), record.Code, record.PublicScore, stepPrivate, record.DurationSeconds));
        }

        var placement = finalScore is { } score ? competition.Place(score) : null;
        var clientName = session.Labels.ClientName;
        return new EpisodeOutcome
        {
            SessionId = session.Id,
            CompetitionId = session.CompetitionId,
            Agent = agent,
            Experiment = session.Labels.Experiment,
            Seed = seed,
            Client = clientName is null ? null : $"{clientName} {session.Labels.ClientVersion}".TrimEnd(),
            State = DojoJson.WireName(session.State),
            EndReason = session.EndReason,
            StartedAt = session.CreatedAt,
            WallSeconds = session.EndedAt is { } ended ? (ended - session.CreatedAt).TotalSeconds : null,
            StepsUsed = records.Where(r => r.Step is not null && r.Status != StepStatus.Refused).Select(r => r.Step!.Value).DefaultIfEmpty(0).Max(),
            SawPublicScores = session.SawPublicScores,
            Graded = privateScore is not null,
            PrivateScore = privateScore,
            FinalScore = finalScore,
            BestScore = best ?? finalScore,
            NormalizedScore = placement?.NormalizedScore,
            PositionScore = placement?.PositionScore,
            Medal = placement?.Medal?.ToString().ToLowerInvariant(),
            AboveMedian = placement?.AboveMedian,
            Usage = usage?.GetValueOrDefault(session.Id),
            Steps = steps,
        };
    }

    private HashSet<string>? CompetitionsOf(ReportFilter filter)
    {
        if (filter.Competitions.Count == 0)
        {
            return null;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in filter.Competitions)
        {
            if (registry.TryGet(name, out _))
            {
                ids.Add(name);
                continue;
            }

            var tagged = registry.Filter([name]);
            if (tagged.Count == 0)
            {
                throw new ReportException(
                    ReportException.UnknownCompetition,
                    $"'{name}' is neither a competition id nor a tag or category of the catalog.",
                    "See the ids and tags with: mledojo competitions list");
            }

            ids.UnionWith(tagged.Select(c => c.Id));
        }

        return ids;
    }

    /// <summary>Whether the episode has not ended: active, or queued waiting for its sandbox (not begun yet).</summary>
    private static bool IsLive(EpisodeState state) => state is EpisodeState.Active or EpisodeState.Queued;

    private static void CheckNamed(ReportFilter filter, IReadOnlyList<SessionRecord> all)
    {
        if (filter.Experiment is { } experiment && !all.Any(s => s.Labels.Experiment == experiment))
        {
            var known = all.Select(s => s.Labels.Experiment).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            throw new ReportException(
                ReportException.UnknownExperiment,
                $"No session is labelled with experiment '{experiment}'.",
                known.Count == 0 ? "No session carries an experiment label; leave --experiment out." : $"Experiments recorded: {string.Join(", ", known)}.");
        }

        var agents = all.Select(AgentOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var missing = filter.Agents.Where(a => !agents.Contains(a, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new ReportException(
                ReportException.UnknownAgent,
                $"No session was played by {string.Join(", ", missing.Select(a => $"'{a}'"))}.",
                $"Agents recorded: {string.Join(", ", agents)}.");
        }
    }
}
