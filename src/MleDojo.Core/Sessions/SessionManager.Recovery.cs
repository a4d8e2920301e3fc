using System.Text.Json;
using MleDojo.Core.Competitions;
using MleDojo.Core.Execution;
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
                // A whole result, so get_run on the lost run answers like on any other, with what it printed.
                var runId = lost.RunId ?? $"run-{lost.Step ?? 0:D4}";
                string[] logs = [$"{Workspace.RunsDirectory}/{runId}.stdout.log", $"{Workspace.RunsDirectory}/{runId}.stderr.log"];
                var result = new RunResult
                {
                    SessionId = session.Id,
                    RunId = runId,
                    Step = lost.Step ?? 0,
                    Action = lost.Action,
                    Status = RunStatus.Interrupted,
                    Stdout = LogTail(session, logs[0]),
                    Stderr = LogTail(session, logs[1]),
                    DurationSeconds = 0,
                    Logs = logs,
                    BestPublicScore = session.BestPublicScore,
                    Note = InterruptedNote,
                    Budget = session.Budget(_time.GetUtcNow()),
                };
                await _store.UpdateStepAsync(session.Id, lost.Seq, RunStatus.Interrupted, ResultJsonOf(result), null, 0, null, null, cancellationToken).ConfigureAwait(false);
            }

            if (!Directory.Exists(session.Workspace.Root))
            {
                await TruncateLocked(session, "workspace lost while the server was down").ConfigureAwait(false);
            }
            else
            {
                await EnforceDeadlineLocked(session).ConfigureAwait(false);
            }

            // The last allowed step was lost with the server: nothing can run any more, so the episode ends as it
            // would have when that step finished.
            if (session.State == EpisodeState.Active && session.StepsUsed >= session.Limits.MaxSteps)
            {
                await TruncateLocked(session, StepsSpent(session)).ConfigureAwait(false);
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

    /// <summary>The end of a run log, read without following links; empty when the log is missing or unreadable.</summary>
    private static string LogTail(Session session, string relativePath, int maxBytes = 8192)
    {
        try
        {
            using var stream = SafeWorkspaceFile.OpenRead(session.Workspace.Root, relativePath);
            var start = Math.Max(0, stream.Length - maxBytes);
            stream.Seek(start, SeekOrigin.Begin);
            var buffer = new byte[stream.Length - start];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var text = System.Text.Encoding.UTF8.GetString(buffer, 0, read);
            return start == 0 ? text : $"[... {start} bytes cut; full log at {relativePath} ...]\n{text}";
        }
        catch (Exception ex) when (ex is IOException or SandboxException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
