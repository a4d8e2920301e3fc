using MleDojo.Core.Competitions;
using MleDojo.Core.Execution;
using MleDojo.Core.Recording;
using MleDojo.Core.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>
/// Rebuilds a session from its record after a restart, so its id keeps working: the episode's steps, scores and
/// submissions are replayed from the steps the store holds, then what the restart did to it is settled. Runs lost with
/// the old process are recorded as interrupted; an episode whose clock ran out, whose last step was lost, or whose
/// workspace is gone is truncated; the rest stay resumable. Attaching a sandbox is the session manager's.
/// </summary>
internal sealed class SessionLoader(CompetitionCatalog catalog, CompetitionPreparer preparer, EngineServices services)
{
    /// <summary>The session, replayed and settled, before anyone else can see it.</summary>
    public async Task<Session> LoadAsync(string sessionId, CancellationToken cancellationToken)
    {
        var record = await services.Store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false)
            ?? throw SessionException.NoSuchSession(sessionId);
        CompetitionSpec spec;
        try
        {
            spec = catalog.Registry.Get(record.CompetitionId);
        }
        catch (UnknownCompetitionException)
        {
            throw new SessionException(SessionErrorCode.UnknownSession, $"Session '{sessionId}' is on competition '{record.CompetitionId}', which this server no longer has.");
        }

        var prepared = await preparer.PrepareAsync(spec, cancellationToken: cancellationToken).ConfigureAwait(false);
        var limits = DojoJson.Deserialize<BudgetLimits>(record.BudgetJson);
        var steps = await services.Store.ListStepsAsync(record.Id, cancellationToken).ConfigureAwait(false);
        var session = new Session(record.Id, prepared, limits, new Workspace(record.WorkspacePath), record.CreatedAt, services, record.PreviousSessionId,
            lastSeq: steps.Count == 0 ? 0 : steps.Max(s => s.Seq))
        {
            SandboxName = record.Sandbox,
            Labels = record.Labels,
            Isolation = new SandboxIsolation(record.Isolated, record.Isolated, record.Isolation),
        };

        var episode = session.Episode;
        foreach (var step in steps)
        {
            if (step.Step is { } n)
            {
                episode.ReplayStep(n);
            }

            // A scored step whose snapshot is gone cannot be submitted any more, so it is not replayed as one.
            if (step is { Step: { } scored, PublicScore: { } score, SubmissionSnapshot: { } snapshot } && File.Exists(snapshot))
            {
                episode.ReplayScore(scored, score, snapshot);
            }

            if (step is { Action: ActionName.Submit, Status: StepStatus.Ok, ResultJson: { } json })
            {
                episode.ReplaySubmission(DojoJson.Deserialize<SubmitResult>(json));
            }
        }

        episode.Restore(record.State, record.ClockStartedAt, record.EndReason, record.EndedAt, record.SawPublicScores,
            record.FinalJson is null ? null : DojoJson.Deserialize<SubmitResult>(record.FinalJson));
        if (!episode.HasEnded)
        {
            await SettleAsync(session, [.. steps.Where(s => s.Status == StepStatus.Running)]).ConfigureAwait(false);
        }

        return session;
    }

    private async Task SettleAsync(Session session, IReadOnlyList<StepRecord> lostRuns)
    {
        foreach (var lost in lostRuns)
        {
            var runId = lost.RunId ?? $"run-{lost.Step ?? 0:D4}";
            await session.Recorder.RunInterrupted(lost.Seq, RunResults.Interrupted(session, runId, lost.Step ?? 0, lost.Action)).ConfigureAwait(false);
        }

        // A lost last step ends the episode as it would have when that step finished (steps spent, no run going).
        var reason = Directory.Exists(session.Workspace.Root) ? session.Episode.TruncationDue() : "workspace lost while the server was down";
        if (reason is not null)
        {
            await session.TruncateAsync(reason).ConfigureAwait(false);
        }

        await session.Recorder.Resumed().ConfigureAwait(false);
        await session.SaveAsync().ConfigureAwait(false);
        SessionLog.Recovered(services.Logger, session.Id, session.Episode.State, session.Episode.StepsUsed);
    }
}
