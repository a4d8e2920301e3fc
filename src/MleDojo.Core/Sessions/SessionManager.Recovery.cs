using System.Text.Json;
using MleDojo.Core.Competitions;
using MleDojo.Core.Recording;
using Microsoft.Extensions.Logging;

namespace MleDojo.Core.Sessions;

public sealed partial class SessionManager
{
    /// <summary>Rebuilds a session from its record after a restart, so its id keeps working.</summary>
    private async Task<Session> LoadAsync(string sessionId, CancellationToken cancellationToken)
    {
        var record = await _store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false)
            ?? throw new SessionException(SessionErrorCode.UnknownSession, $"No session '{sessionId}'. Start one with start_session.");
        CompetitionSpec spec;
        try
        {
            spec = _catalog.Registry.Get(record.CompetitionId);
        }
        catch (UnknownCompetitionException)
        {
            throw new SessionException(SessionErrorCode.UnknownSession, $"Session '{sessionId}' is on competition '{record.CompetitionId}', which this server no longer has.");
        }

        var prepared = await _preparer.PrepareAsync(spec, cancellationToken: cancellationToken).ConfigureAwait(false);
        var limits = JsonSerializer.Deserialize<BudgetLimits>(record.BudgetJson)!;
        var session = new Session(record.Id, prepared, limits, new Workspace(record.WorkspacePath), Path.Combine(_dataRoot.Sessions, record.Id, "submissions"), record.CreatedAt)
        {
            PreviousSessionId = record.PreviousSessionId,
            State = Enum.Parse<EpisodeState>(record.State),
            EndReason = record.EndReason,
            EndedAt = record.EndedAt,
            SawPublicScores = record.SawPublicScores,
            SandboxName = record.Sandbox,
            Isolation = new(record.Isolated, record.Isolated, record.Isolation),
            Final = record.FinalJson is null ? null : JsonSerializer.Deserialize<SubmitResult>(record.FinalJson),
        };

        var steps = await _store.ListStepsAsync(record.Id, cancellationToken).ConfigureAwait(false);
        session.Seq = steps.Count == 0 ? 0 : steps.Max(s => s.Seq);
        session.StepsUsed = steps.Where(s => s.Step is not null).Select(s => s.Step!.Value).DefaultIfEmpty(0).Max();
        foreach (var step in steps)
        {
            if (step is { Step: { } n, PublicScore: { } score, SubmissionSnapshot: { } snapshot } && File.Exists(snapshot))
            {
                session.Scored[n] = (score, snapshot);
                if (session.BestStep is null || IsBetter(session, score, session.BestPublicScore!.Value))
                {
                    session.BestStep = n;
                }
            }

            if (step is { Action: ActionNames.Submit, Status: "ok", ResultJson: { } json })
            {
                session.Submissions.Add(JsonSerializer.Deserialize<SubmitResult>(json)!);
            }
        }

        _sessions[session.Id] = session;
        if (session.State != EpisodeState.Active)
        {
            return session;
        }

        await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var lost in steps.Where(s => s.Status == RunStatus.Running))
            {
                await _store.UpdateStepAsync(session.Id, lost.Seq, RunStatus.Interrupted, "{\"status\":\"interrupted\",\"note\":\"The server stopped while this run was going; its process is gone.\"}", null, 0, null, null, cancellationToken).ConfigureAwait(false);
            }

            if (!Directory.Exists(session.Workspace.Root))
            {
                await TruncateLocked(session, "workspace lost while the server was down").ConfigureAwait(false);
            }
            else
            {
                await EnforceDeadlineLocked(session).ConfigureAwait(false);
            }

            if (session.State == EpisodeState.Active)
            {
                await AttachSandboxAsync(session, cancellationToken).ConfigureAwait(false);
            }

            await RecordAsync(session, "resume", "ok", new { server_restart = true }, result: null).ConfigureAwait(false);
            await SaveAsync(session, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Session {SessionId} recovered ({State}, {Steps} steps used)", session.Id, session.State, session.StepsUsed);
        }
        finally
        {
            session.Gate.Release();
        }

        return session;
    }
}
