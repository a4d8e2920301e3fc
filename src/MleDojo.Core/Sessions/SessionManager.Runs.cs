using System.Security.Cryptography;
using MleDojo.Core.Execution;
using MleDojo.Core.Grading;
using MleDojo.Core.Metrics;
using Microsoft.Extensions.Logging;

namespace MleDojo.Core.Sessions;

public sealed partial class SessionManager
{
    /// <summary>validate_code: runs the script and checks output/submission.csv's format, never scoring it.</summary>
    public Task<RunResult> ValidateAsync(string sessionId, string code, TimeSpan? wait = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(sessionId, ActionNames.ValidateCode, code, wait, progress, cancellationToken);

    /// <summary>execute_code: runs the script, checks and scores output/submission.csv on the public rows, and returns the reward.</summary>
    public Task<RunResult> ExecuteAsync(string sessionId, string code, TimeSpan? wait = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(sessionId, ActionNames.ExecuteCode, code, wait, progress, cancellationToken);

    /// <summary>Waits (up to <paramref name="wait"/>) for a run and returns its current or final result. Cancelling this call does not kill the run.</summary>
    public async Task<RunResult> GetRunAsync(string sessionId, string runId, TimeSpan? wait = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session.Runs.TryGetValue(runId ?? "", out var handle))
        {
            return await WaitAsync(session, handle, wait, progress, killOnCancel: false, cancellationToken).ConfigureAwait(false);
        }

        return await RecordedRunAsync(session, runId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Kills a run's whole process tree and returns its final result, with the output printed so far.</summary>
    public async Task<RunResult> CancelRunAsync(string sessionId, string runId, CancellationToken cancellationToken = default)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (!session.Runs.TryGetValue(runId ?? "", out var handle))
        {
            return await RecordedRunAsync(session, runId, cancellationToken).ConfigureAwait(false);
        }

        await handle.Run.KillAsync(cancellationToken).ConfigureAwait(false);
        return await handle.Finished.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<RunResult> RunAsync(string sessionId, string action, string code, TimeSpan? wait, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new SessionException(SessionErrorCode.InvalidArgument, "code is empty. Send a complete Python script.");
        }

        if (code.Length > _options.MaxCodeChars)
        {
            throw new SessionException(SessionErrorCode.InvalidArgument, $"code is {code.Length:N0} characters; the limit is {_options.MaxCodeChars:N0}. Write large helpers with write_file and import them.");
        }

        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var handle = await StartRunAsync(session, action, code, cancellationToken).ConfigureAwait(false);
        return await WaitAsync(session, handle, wait, progress, killOnCancel: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RunHandle> StartRunAsync(Session session, string action, string code, CancellationToken cancellationToken)
    {
        await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureActiveLocked(session, action).ConfigureAwait(false);
            if (session.StepsUsed >= session.Limits.MaxSteps)
            {
                throw await RefuseLocked(session, action, SessionErrorCode.BudgetExhausted, $"All {session.Limits.MaxSteps} steps are used. Submit with submit, or end the session.").ConfigureAwait(false);
            }

            if (session.RunsInFlight >= session.Limits.MaxRunsInFlight)
            {
                var going = string.Join(", ", session.Runs.Values.Where(h => !h.IsFinished).Select(h => h.RunId));
                throw await RefuseLocked(session, action, SessionErrorCode.TooManyRuns, $"{session.RunsInFlight} run(s) already in flight ({going}); the limit is {session.Limits.MaxRunsInFlight}. Wait with get_run or stop one with cancel_run.").ConfigureAwait(false);
            }

            session.Sandbox ??= await RecreateSandboxAsync(session, cancellationToken).ConfigureAwait(false);
            var step = session.StepsUsed + 1;
            var runId = $"run-{step:D4}";
            var script = $"{Workspace.RunsDirectory}/step-{step:D4}.py";
            try
            {
                // runs/ is the server's: agent code running with the server's uid (weaker sandboxes) could have
                // swapped it for a link out of the workspace, which would otherwise end the episode's runs for good.
                if (WorkspaceFiles.EnsureDirectory(session.Workspace.Root, Workspace.RunsDirectory))
                {
                    _logger.LogWarning("Session {SessionId}: {Directory}/ was not a plain directory and was recreated", session.Id, Workspace.RunsDirectory);
                }

                await WriteWorkspaceFileAsync(session, Workspace.RunsDirectory, $"step-{step:D4}.py", code, cancellationToken).ConfigureAwait(false);
            }
            catch (SandboxException ex)
            {
                throw await RefuseLocked(session, action, SessionErrorCode.SandboxUnavailable, $"The script could not be written to the workspace ({ex.Message}); the step was not counted.").ConfigureAwait(false);
            }

            var before = await SubmissionFingerprintAsync(session, cancellationToken).ConfigureAwait(false);
            var remaining = session.Deadline - _time.GetUtcNow();
            var endsAtDeadline = remaining.TotalSeconds < session.Limits.RunTimeoutSeconds;
            var timeout = TimeSpan.FromSeconds(Math.Max(1, Math.Min(session.Limits.RunTimeoutSeconds, remaining.TotalSeconds)));

            ISandboxRun run;
            try
            {
                run = await session.Sandbox.StartAsync(new SandboxRunRequest(runId, script, timeout, Workspace.RunsDirectory), cancellationToken).ConfigureAwait(false);
            }
            catch (SandboxException ex)
            {
                session.Sandbox = null;
                throw await RefuseLocked(session, action, SessionErrorCode.SandboxUnavailable, $"The sandbox could not start the run ({ex.Message}); the step was not counted. Try again.").ConfigureAwait(false);
            }

            session.StepsUsed = step;
            session.RunsInFlight++;
            var seq = await RecordAsync(session, action, RunStatus.Running, arguments: null, result: null, step: step, runId: runId, code: code).ConfigureAwait(false);
            var handle = new RunHandle(runId, step, seq, action, _time.GetUtcNow(), run) { EndsAtDeadline = endsAtDeadline };
            handle.Finished = Task.Run(() => FinishAsync(session, handle, before), CancellationToken.None);
            session.Runs[runId] = handle;
            return handle;
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private async Task<RunResult> WaitAsync(Session session, RunHandle handle, TimeSpan? wait, IProgress<RunProgress>? progress, bool killOnCancel, CancellationToken cancellationToken)
    {
        var limit = wait ?? TimeSpan.FromSeconds(_options.DefaultWaitSeconds);
        var deadline = _time.GetUtcNow() + limit;
        var interval = TimeSpan.FromSeconds(_options.ProgressIntervalSeconds);
        try
        {
            while (true)
            {
                var left = deadline - _time.GetUtcNow();
                if (handle.IsFinished || left <= TimeSpan.Zero)
                {
                    return handle.IsFinished ? await handle.Finished.ConfigureAwait(false) : Running(session, handle);
                }

                var delay = Task.Delay(left < interval ? left : interval, _time, cancellationToken);
                await Task.WhenAny(handle.Finished, delay).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (!handle.IsFinished)
                {
                    progress?.Report(new RunProgress(handle.RunId, (_time.GetUtcNow() - handle.StartedAt).TotalSeconds, handle.Run.RecentOutput(_options.ProgressLines)));
                }
            }
        }
        catch (OperationCanceledException) when (killOnCancel && cancellationToken.IsCancellationRequested)
        {
            // The client gave up on the call: no runaway background work is left behind.
            await handle.Run.KillAsync(CancellationToken.None).ConfigureAwait(false);
            await handle.Finished.ConfigureAwait(false);
            throw;
        }
    }

    private async Task<RunResult> FinishAsync(Session session, RunHandle handle, string? fingerprintBefore)
    {
        var outcome = await handle.Run.Completion.ConfigureAwait(false);
        await session.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            session.RunsInFlight--;

            // Killed because the server is shutting down: recorded as interrupted, as after a crash, and neither
            // scored nor allowed to end the episode; recovery decides what the episode's state is.
            var interrupted = _stopping && outcome.Outcome == SandboxRunOutcome.Cancelled;
            var status = interrupted ? RunStatus.Interrupted : StatusOf(outcome.Outcome);
            var submission = await CheckSubmissionAsync(session, fingerprintBefore).ConfigureAwait(false);
            double? publicScore = null;
            double reward = 0;
            string? snapshot = null;
            string? note = interrupted ? InterruptedNote : outcome.Note;
            var scoring = handle.Action == ActionNames.ExecuteCode && submission.Check is { IsValid: true } && session.State == EpisodeState.Active && !interrupted;
            if (scoring)
            {
                snapshot = submission.Snapshot;
                try
                {
                    publicScore = _grader.Score(session.Prepared, submission.Check!, ScoreSplit.Public);
                    reward = _grader.Reward(session.Prepared, publicScore.Value);
                    session.SawPublicScores = true;
                    session.Scored[handle.Step] = (publicScore.Value, snapshot!);
                    if (session.BestStep is null || IsBetter(session, publicScore.Value, session.BestPublicScore!.Value))
                    {
                        session.BestStep = handle.Step;
                    }
                }
                catch (MetricException ex)
                {
                    note = Join(note, $"The submission is valid but could not be scored: {ex.Message}");
                }
            }

            // Only scored copies can be submitted later; the others (validate_code, invalid, unscorable) go now.
            if (submission.Snapshot is { } copy && !(session.Scored.TryGetValue(handle.Step, out var kept) && kept.Snapshot == copy))
            {
                File.Delete(copy);
                snapshot = null;
            }

            var result = new RunResult
            {
                SessionId = session.Id,
                RunId = handle.RunId,
                Step = handle.Step,
                Action = handle.Action,
                Status = status,
                Stdout = outcome.Stdout,
                Stderr = outcome.Stderr,
                ExitCode = outcome.ExitCode,
                DurationSeconds = Math.Round(outcome.Duration.TotalSeconds, 3),
                Logs = [outcome.StdoutLogPath, outcome.StderrLogPath],
                Submission = submission.Status,
                PublicScore = publicScore,
                BestPublicScore = session.BestPublicScore,
                Reward = reward,
                Note = note,
                Budget = session.Budget(_time.GetUtcNow()),
            };

            // A run cut at the episode deadline ends the episode with it, not at the next call or budget sweep.
            if (session.State == EpisodeState.Active && !interrupted
                && ((handle.EndsAtDeadline && outcome.Outcome == SandboxRunOutcome.TimedOut) || _time.GetUtcNow() >= session.Deadline))
            {
                await TruncateLocked(session, EpisodeClockSpent(session)).ConfigureAwait(false);
            }

            if (session.State == EpisodeState.Active && !interrupted && session.StepsUsed >= session.Limits.MaxSteps && session.RunsInFlight == 0)
            {
                await TruncateLocked(session, StepsSpent(session)).ConfigureAwait(false);
            }

            result = result with
            {
                Terminated = session.State == EpisodeState.Terminated,
                Truncated = session.State == EpisodeState.Truncated,
                Final = session.State is EpisodeState.Truncated ? session.Final : null,
                Note = session.State == EpisodeState.Truncated ? Join(result.Note, $"Episode truncated: {session.EndReason}.") : result.Note,
                Budget = session.Budget(_time.GetUtcNow()),
            };
            await _store.UpdateStepAsync(session.Id, handle.Seq, status, ResultJsonOf(result), publicScore, reward, result.DurationSeconds, snapshot).ConfigureAwait(false);
            await SaveAsync(session, CancellationToken.None).ConfigureAwait(false);
            return result;
        }
#pragma warning disable CA1031 // a run's bookkeeping must never take the server down
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "Finishing {RunId} of session {SessionId} failed", handle.RunId, session.Id);
            return Running(session, handle) with { Status = RunStatus.Failed, Note = "The server failed to record this run; it did not count against the score. See the server log." };
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private async Task<(SubmissionStatus Status, SubmissionCheck? Check, string? Snapshot)> CheckSubmissionAsync(Session session, string? fingerprintBefore)
    {
        // Agent code controls the workspace: the file may be a link to the answers or a FIFO, so it is opened
        // without following links, copied once, and only the server's private copy is checked and scored.
        var snapshot = Path.Combine(session.PrivateDirectory, $"step-{session.StepsUsed:D4}-{Guid.NewGuid():N}.csv");
        try
        {
            await using var source = SafeWorkspaceFile.OpenRead(session.Workspace.Root, Workspace.SubmissionFile);
            if (source.Length > session.Spec.Submission.MaxBytes)
            {
                return (new SubmissionStatus(true, true, false, 0, [SubmissionReader.TooLarge(source.Length, session.Spec.Submission.MaxBytes)]), null, null);
            }

            await using var target = File.Create(snapshot);
            await source.CopyToAsync(target).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return (new SubmissionStatus(false, false, false, 0, []), null, null);
        }
        catch (SandboxException ex)
        {
            return (new SubmissionStatus(true, true, false, 0, [new SubmissionError(SubmissionErrorCodes.MalformedCsv, ex.Message,
                "Write output/submission.csv as a regular file (not a link or a pipe).")]), null, null);
        }

        var written = await FingerprintAsync(snapshot).ConfigureAwait(false) != fingerprintBefore;
        var check = await _grader.CheckAsync(session.Prepared, snapshot).ConfigureAwait(false);
        return (new SubmissionStatus(true, written, check.IsValid, check.Rows, check.Errors), check, snapshot);
    }

    private static async Task<string?> SubmissionFingerprintAsync(Session session, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = SafeWorkspaceFile.OpenRead(session.Workspace.Root, Workspace.SubmissionFile);
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or SandboxException)
        {
            return null;
        }
    }

    private static async Task<string> FingerprintAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream).ConfigureAwait(false));
    }

    /// <summary>Creates a workspace file without following any link the agent may have planted on the way.</summary>
    /// <remarks>With <paramref name="shareGroup"/>, the file is given to that group, group-writable (see <see cref="WorkspaceFiles.CreateFile(string, string, string, int)"/>).</remarks>
    private static async Task WriteWorkspaceFileAsync(Session session, string relativeDirectory, string fileName, string content, CancellationToken cancellationToken, int shareGroup = -1)
    {
        using var handle = relativeDirectory is "" or "."
            ? WorkspaceFiles.CreateFile(session.Workspace.Root, fileName, shareGroup)
            : WorkspaceFiles.CreateFile(session.Workspace.Root, relativeDirectory, fileName, shareGroup);
        await using var stream = new FileStream(handle, FileAccess.Write);
        await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(content), cancellationToken).ConfigureAwait(false);
    }

    private RunResult Running(Session session, RunHandle handle) => new()
    {
        SessionId = session.Id,
        RunId = handle.RunId,
        Step = handle.Step,
        Action = handle.Action,
        Status = RunStatus.Running,
        Stdout = string.Join('\n', handle.Run.RecentOutput(20)),
        Stderr = "",
        DurationSeconds = Math.Round((_time.GetUtcNow() - handle.StartedAt).TotalSeconds, 3),
        Logs = [$"{Workspace.RunsDirectory}/{handle.RunId}.stdout.log", $"{Workspace.RunsDirectory}/{handle.RunId}.stderr.log"],
        BestPublicScore = session.BestPublicScore,
        Note = $"Still running. Call get_run with run_id '{handle.RunId}' to wait for it, or cancel_run to stop it. stdout shows the newest lines.",
        Budget = session.Budget(_time.GetUtcNow()),
    };

    private async Task<RunResult> RecordedRunAsync(Session session, string? runId, CancellationToken cancellationToken)
    {
        var steps = await _store.ListStepsAsync(session.Id, cancellationToken).ConfigureAwait(false);
        var record = steps.LastOrDefault(s => s.RunId == runId && s.ResultJson is not null);
        if (record?.ResultJson is null)
        {
            var known = string.Join(", ", steps.Where(s => s.RunId is not null).Select(s => s.RunId).Distinct());
            throw new SessionException(SessionErrorCode.UnknownRun, $"No run '{runId}' in session {session.Id}. Known runs: {(known.Length == 0 ? "(none)" : known)}.");
        }

        return System.Text.Json.JsonSerializer.Deserialize<RunResult>(record.ResultJson)! with { Budget = session.Budget(_time.GetUtcNow()) };
    }

    private static string ResultJsonOf(RunResult result) => System.Text.Json.JsonSerializer.Serialize(result, Json);

    private static bool IsBetter(Session session, double a, double b) => session.Spec.Metric.HigherIsBetter ? a > b : a < b;

    private static string? Join(string? a, string b) => string.IsNullOrEmpty(a) ? b : $"{a} {b}";

    private static string StatusOf(SandboxRunOutcome outcome) => outcome switch
    {
        SandboxRunOutcome.Succeeded => RunStatus.Succeeded,
        SandboxRunOutcome.Failed => RunStatus.Failed,
        SandboxRunOutcome.TimedOut => RunStatus.TimedOut,
        SandboxRunOutcome.Cancelled => RunStatus.Cancelled,
        SandboxRunOutcome.OutputLimitExceeded => RunStatus.OutputLimitExceeded,
        _ => RunStatus.Failed,
    };

    private async Task<ISandbox> RecreateSandboxAsync(Session session, CancellationToken cancellationToken)
    {
        await AttachSandboxAsync(session, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Sandbox for session {SessionId} (re)created", session.Id);
        return session.Sandbox!;
    }
}
