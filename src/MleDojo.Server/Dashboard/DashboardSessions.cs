using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using MleDojo.Core.Competitions;
using MleDojo.Core.Recording;
using MleDojo.Core.Serialization;
using MleDojo.Core.Sessions;
using MleDojo.Server.Auth;

namespace MleDojo.Server.Dashboard;

/// <summary>
/// The sessions a viewer may see, as the dashboard shows them: read from the store, with the live budget of active
/// episodes from the session manager. Read-only: it never starts, changes or loads an episode it would not otherwise.
/// Another principal's session is exactly as absent as one that does not exist.
/// </summary>
internal sealed class DashboardSessions(SqliteSessionStore store, SessionManager sessions, CompetitionCatalog catalog)
{
    private static readonly JsonSerializerOptions BudgetJson = new() { TypeInfoResolver = DojoJson.TypeInfoResolver };

    // An ended episode never changes again, so its row is computed once; the list is polled every few seconds.
    private readonly ConcurrentDictionary<string, SessionSummary> _ended = new(StringComparer.Ordinal);

    /// <summary>The sessions <paramref name="viewer"/> may see, newest first.</summary>
    public async Task<IReadOnlyList<SessionSummary>> ListAsync(Caller viewer, CancellationToken cancellationToken)
    {
        var records = await store.ListSessionsAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<SessionSummary>();
        foreach (var record in records.Where(r => viewer.MaySee(r.Labels.Owner)))
        {
            if (_ended.TryGetValue(record.Id, out var ended))
            {
                rows.Add(ended);
                continue;
            }

            var steps = await store.ListStepsAsync(record.Id, cancellationToken).ConfigureAwait(false);
            rows.Add(await SummaryAsync(record, steps, cancellationToken).ConfigureAwait(false));
        }

        return rows;
    }

    /// <summary>The session <paramref name="sessionId"/>, or null when it does not exist or <paramref name="viewer"/> may not see it.</summary>
    public async Task<SessionDetail?> FindAsync(Caller viewer, string sessionId, CancellationToken cancellationToken)
    {
        if (await store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false) is not { } record || !viewer.MaySee(record.Labels.Owner))
        {
            return null;
        }

        var steps = await store.ListStepsAsync(record.Id, cancellationToken).ConfigureAwait(false);
        var summary = await SummaryAsync(record, steps, cancellationToken).ConfigureAwait(false);
        var limits = Limits(record);
        var metric = catalog.Registry.TryGet(record.CompetitionId, out var spec) ? spec.Metric : null;
        return new SessionDetail
        {
            Summary = summary,
            Budget = new BudgetGauges
            {
                StepsUsed = summary.StepsUsed,
                MaxSteps = summary.MaxSteps,
                EpisodeTimeoutSeconds = limits.EpisodeTimeoutSeconds,
                TimeLeftSeconds = summary.TimeLeftSeconds ?? 0,
                MaxSubmissions = limits.MaxSubmissions,
                SubmissionsUsed = steps.Count(s => s is { Action: ActionName.Submit, Status: StepStatus.Ok }),
            },
            HigherIsBetter = metric?.HigherIsBetter,
            Metric = metric?.Name,
            EndReason = record.EndReason,
            Calls = [.. steps.Select(Call)],
            BestSoFar = BestSoFar(steps, metric?.HigherIsBetter ?? true),
        };
    }

    private async Task<SessionSummary> SummaryAsync(SessionRecord record, IReadOnlyList<StepRecord> steps, CancellationToken cancellationToken)
    {
        var higherIsBetter = !catalog.Registry.TryGet(record.CompetitionId, out var spec) || spec.Metric.HigherIsBetter;
        var summary = new SessionSummary
        {
            SessionId = record.Id,
            CompetitionId = record.CompetitionId,
            Agent = record.Labels.Agent ?? record.Labels.ClientName,
            Owner = record.Labels.Owner,
            State = DojoJson.WireName(record.State),
            StepsUsed = steps.Max(s => s.Step) ?? 0,
            MaxSteps = Limits(record).MaxSteps,
            BestPublicScore = BestSoFar(steps, higherIsBetter) is { Count: > 0 } curve ? curve[^1].Score : null,
            RunsInFlight = steps.Count(s => s.Status == StepStatus.Running),
            CreatedAt = record.CreatedAt,
            Revision = Revision(record.State, steps),
        };
        if (record.State is not (EpisodeState.Active or EpisodeState.Queued))
        {
            _ended[record.Id] = summary;
            return summary;
        }

        // Active episodes are held in memory (recovery loads them all), so their live budget costs no load.
        try
        {
            var history = await sessions.GetHistoryAsync(record.Id, cancellationToken).ConfigureAwait(false);
            return summary with
            {
                State = DojoJson.WireName(history.State),
                StepsUsed = history.Budget.StepsUsed,
                MaxSteps = history.Budget.MaxSteps,
                BestPublicScore = history.BestPublicScore ?? summary.BestPublicScore,
                TimeLeftSeconds = history.State == EpisodeState.Active ? history.Budget.EpisodeRemainingSeconds : null,
                RunsInFlight = history.Budget.RunsInFlight,
                Revision = Revision(history.State, steps),
            };
        }
        catch (SessionException)
        {
            // Its competition is gone from this server: the stored row is all there is to show.
            return summary;
        }
    }

    private static BudgetLimits Limits(SessionRecord record)
    {
        try
        {
            return JsonSerializer.Deserialize<BudgetLimits>(record.BudgetJson, BudgetJson) ?? new BudgetLimits();
        }
        catch (JsonException)
        {
            return new BudgetLimits();
        }
    }

    private static CallView Call(StepRecord step) => new()
    {
        Seq = step.Seq,
        Step = step.Step,
        Action = DojoJson.WireName(step.Action),
        Status = DojoJson.WireName(step.Status),
        Code = step.Code,
        Output = step.Status == StepStatus.Running ? null : OutputExcerpt.From(step.ResultJson),
        PublicScore = step.PublicScore,
        PrivateScore = step.PrivateScore,
        Reward = step.Reward,
        DurationSeconds = step.DurationSeconds,
        CreatedAt = step.CreatedAt,
    };

    private static List<ScorePoint> BestSoFar(IReadOnlyList<StepRecord> steps, bool higherIsBetter)
    {
        var points = new List<ScorePoint>();
        foreach (var step in steps.Where(s => s is { Action: ActionName.ExecuteCode, Step: not null, PublicScore: { } p } && double.IsFinite(p)))
        {
            var score = step.PublicScore!.Value;
            var best = points.Count == 0 || (higherIsBetter ? score > points[^1].Score : score < points[^1].Score) ? score : points[^1].Score;
            points.Add(new ScorePoint(step.Step!.Value, best));
        }

        return points;
    }

    // What changes when a call is recorded, a run finishes or the episode ends; the page refreshes its timeline then.
    private static string Revision(EpisodeState state, IReadOnlyList<StepRecord> steps) =>
        string.Create(CultureInfo.InvariantCulture, $"{DojoJson.WireName(state)}-{steps.Count}-{steps.Count(s => s.Status == StepStatus.Running)}");
}
