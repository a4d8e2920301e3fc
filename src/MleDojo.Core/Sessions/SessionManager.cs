using MleDojo.Core.Competitions;
using MleDojo.Core.Execution;
using MleDojo.Core.Grading;
using MleDojo.Core.Platform;
using MleDojo.Core.Recording;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MleDojo.Core.Sessions;

/// <summary>
/// The environment: starts episodes, runs code in sandboxes, scores, records every call and ends episodes. It finds
/// sessions, holds each one's gate while it changes, and orchestrates the parts: the rules of an episode are
/// <see cref="Episode"/>'s, the record <see cref="EpisodeRecorder"/>'s, the workspace files <see cref="SessionFiles"/>'.
/// Usable in-process without MCP (tests, RL loops); the MCP tools are thin wrappers.
/// </summary>
public sealed class SessionManager : IAsyncDisposable
{
    private readonly ISandboxProvider _sandboxes;
    private readonly EngineServices _services;
    private readonly SessionLoader _loader;
    private readonly SessionStarter _starter;
    private readonly RunWaiter _waiter;
    private readonly RunCompletion _completion;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private readonly ITimer _sweeper;
    private volatile bool _stopping;

    /// <summary>Creates the manager. Call <see cref="RecoverAsync"/> once at startup.</summary>
    public SessionManager(
        CompetitionCatalog catalog,
        CompetitionPreparer preparer,
        Grader grader,
        ISandboxProvider sandboxes,
        SqliteSessionStore store,
        DataRoot dataRoot,
        SessionOptions options,
        TimeProvider? timeProvider = null,
        ILogger<SessionManager>? logger = null)
    {
        options.Ceilings.Validate();
        _sandboxes = sandboxes;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _services = new EngineServices(store, grader, options, dataRoot, timeProvider ?? TimeProvider.System, _logger);
        _loader = new SessionLoader(catalog, preparer, _services);
        _starter = new SessionStarter(catalog, preparer, sandboxes, _services, Live);
        _waiter = new RunWaiter(options, _services.Time);
        _completion = new RunCompletion(_services, () => _stopping);
        _sweeper = _services.Time.CreateTimer(_ => _ = Live.TruncateDueAsync(_logger), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    private SessionOptions Options => _services.Options;

    /// <summary>The sessions held in memory: what each principal has going, and the runs in flight.</summary>
    public LiveSessions Live { get; } = new();

    /// <summary>Who plays the session and who owns it; an unknown id gets <see cref="SessionException.NoSuchSession"/>.</summary>
    public async Task<SessionLabels> LabelsAsync(string sessionId, CancellationToken cancellationToken = default) =>
        (await GetAsync(sessionId, cancellationToken).ConfigureAwait(false)).Labels;

    /// <summary>Starts an episode: prepares the competition if needed, creates the workspace and the sandbox.</summary>
    public Task<SessionStarted> StartAsync(string competitionId, BudgetRequest? budget = null, CancellationToken cancellationToken = default) =>
        _starter.StartAsync(competitionId, budget, SessionLabels.None, previousSessionId: null, wait: null, cancellationToken);

    /// <summary>Starts an episode labelled with who plays it (<paramref name="labels"/>: agent, experiment, seed, MCP client).</summary>
    public Task<SessionStarted> StartAsync(string competitionId, BudgetRequest? budget, SessionLabels labels, CancellationToken cancellationToken = default) =>
        _starter.StartAsync(competitionId, budget, labels, previousSessionId: null, wait: null, cancellationToken);

    /// <summary>
    /// Starts a labelled episode, waiting up to <paramref name="wait"/> (null: the sandbox backend's default) for its
    /// sandbox. A sandbox still waiting in its scheduler's queue then (a busy Slurm cluster) leaves the session
    /// <see cref="EpisodeState.Queued"/>: its clock starts, and runs are accepted, once the sandbox is granted.
    /// </summary>
    public Task<SessionStarted> StartAsync(string competitionId, BudgetRequest? budget, SessionLabels labels, TimeSpan? wait, CancellationToken cancellationToken = default) =>
        _starter.StartAsync(competitionId, budget, labels, previousSessionId: null, wait, cancellationToken);

    /// <summary>Ends the episode: grades the best valid submission if none was submitted, releases the sandbox. Repeating it returns the same record.</summary>
    public Task<EndResult> EndAsync(string sessionId, CancellationToken cancellationToken = default) =>
        EndAsync(sessionId, "ended by end_session", cancellationToken);

    /// <summary>Ends this episode and starts a new one on the same competition with the same budget.</summary>
    public async Task<SessionStarted> ResetAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        await EndAsync(sessionId, "reset", cancellationToken).ConfigureAwait(false);
        return await _starter.StartAsync(session.Spec.Id, BudgetRequest.Same(session.Episode.Limits), session.Labels, session.Id, wait: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>request_info: overview, data_structure, sample_submission, metric, budget or all. Free: not a step. A queued session is looked at first: it may have begun.</summary>
    public async Task<InfoResult> RequestInfoAsync(string sessionId, string infoType, CancellationToken cancellationToken = default)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var type = TaskInfo.Parse(infoType);
        using var lease = await session.LockAsync(cancellationToken).ConfigureAwait(false);
        await session.CheckQueueAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        var budget = session.Episode.Budget();
        var queued = session.Episode.IsQueued;
        var result = new InfoResult(type, session.Info.Render(type, session.Layout, budget), budget)
        {
            State = queued ? EpisodeState.Queued : null,
            Queue = queued ? session.Queue : null,
        };
        await session.Recorder.InfoRequested(result).ConfigureAwait(false);
        return result;
    }

    /// <summary>The history of calls and scores. A queued session is looked at first (without waiting): it may have begun.</summary>
    public async Task<HistoryResult> GetHistoryAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session.Episode.IsQueued)
        {
            using var lease = await session.LockAsync(cancellationToken).ConfigureAwait(false);
            await session.CheckQueueAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }

        var steps = await session.Recorder.StepsAsync(cancellationToken).ConfigureAwait(false);
        var episode = session.Episode;
        return new HistoryResult(session.Id, session.Spec.Id, episode.State, episode.BestPublicScore, [.. steps.Select(HistoryEntry.From)], episode.Budget())
        {
            Labels = session.Labels,
            Queue = episode.IsQueued ? session.Queue : null,
        };
    }

    /// <summary>
    /// Grades a submission on the private rows (Kaggle's final submission). <paramref name="step"/> picks an
    /// execute_code step; by default the best public score. The episode terminates when the last allowed
    /// submission is graded.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(string sessionId, int? step = null, CancellationToken cancellationToken = default)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        List<RunHandle> killed = [];
        SubmitResult result;
        using (await session.LockAsync(cancellationToken).ConfigureAwait(false))
        {
            await session.EnsureActiveAsync(ActionName.Submit).ConfigureAwait(false);
            var episode = session.Episode;
            if (episode.RefuseSubmit(step, out var chosen) is { } refusal)
            {
                throw await session.RefuseAsync(ActionName.Submit, refusal).ConfigureAwait(false);
            }

            result = await session.GradeAsync(chosen, automatic: false).ConfigureAwait(false);
            if (episode.Submitted(result))
            {
                // No run can start any more: the sandbox (a warm interpreter and its spare, a container, an allocation) goes now, not at end_session.
                killed = session.RunsGoing.ToList();
                await session.KillRunsAsync().ConfigureAwait(false);
                await session.ReleaseSandboxAsync().ConfigureAwait(false);
                SessionLog.Ended(_logger, session.Id, episode.State, episode.EndReason);
            }

            result = result with { Terminated = episode.State == EpisodeState.Terminated, Budget = episode.Budget() };
            await session.Recorder.Submitted(step, result).ConfigureAwait(false);
            await session.SaveAsync().ConfigureAwait(false);
        }

        // As at end_session: the killed runs are recorded before the call answers.
        await Task.WhenAll(killed.Select(h => h.Finished)).ConfigureAwait(false);
        return result;
    }

    /// <summary>validate_code: runs the script and checks output/submission.csv's format, never scoring it.</summary>
    public Task<RunResult> ValidateAsync(string sessionId, string code, TimeSpan? wait = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(sessionId, ActionName.ValidateCode, code, wait, progress, cancellationToken);

    /// <summary>execute_code: runs the script, checks and scores output/submission.csv on the public rows, and returns the reward.</summary>
    public Task<RunResult> ExecuteAsync(string sessionId, string code, TimeSpan? wait = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(sessionId, ActionName.ExecuteCode, code, wait, progress, cancellationToken);

    /// <summary>Waits (up to <paramref name="wait"/>) for a run and returns its current or final result. Cancelling this call does not kill the run.</summary>
    public async Task<RunResult> GetRunAsync(string sessionId, string runId, TimeSpan? wait = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return session.Runs.TryGetValue(runId ?? "", out var handle)
            ? await _waiter.WaitAsync(session, handle, wait, progress, killOnCancel: false, cancellationToken).ConfigureAwait(false)
            : await session.Recorder.RecordedRunAsync(runId, cancellationToken).ConfigureAwait(false) with { Budget = session.Episode.Budget() };
    }

    /// <summary>Kills a run's whole process tree and returns its final result, with the output printed so far.</summary>
    public async Task<RunResult> CancelRunAsync(string sessionId, string runId, CancellationToken cancellationToken = default)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (!session.Runs.TryGetValue(runId ?? "", out var handle))
        {
            return await session.Recorder.RecordedRunAsync(runId, cancellationToken).ConfigureAwait(false) with { Budget = session.Episode.Budget() };
        }

        await handle.Run.KillAsync(cancellationToken).ConfigureAwait(false);
        return await handle.Finished.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists files under a workspace directory (recursively, up to 500 entries).</summary>
    public async Task<FileListing> ListFilesAsync(string sessionId, string? path = null, CancellationToken cancellationToken = default)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return session.Files.List(path, session.Episode.Budget());
    }

    /// <summary>Reads a page of a workspace file as UTF-8 text: at most <paramref name="maxBytes"/> bytes from a byte offset.</summary>
    public async Task<FileContent> ReadFileAsync(string sessionId, string path, long offset = 0, int? maxBytes = null, CancellationToken cancellationToken = default)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return await session.Files.ReadAsync(path, offset, maxBytes, session.Episode.Budget(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a text file into the workspace (not into input/, which is read-only).</summary>
    public async Task<FileWritten> WriteFileAsync(string sessionId, string path, string content, CancellationToken cancellationToken = default)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        using var lease = await session.LockAsync(cancellationToken).ConfigureAwait(false);

        // Reading stays open after the end (inspection); changing the workspace does not.
        await session.EnsureActiveAsync(ActionName.WriteFile).ConfigureAwait(false);
        var written = await session.Files.WriteAsync(path, content, await AgentGroupAsync(session, cancellationToken).ConfigureAwait(false), session.Episode.Budget(), cancellationToken).ConfigureAwait(false);
        await session.Recorder.FileWritten(written, content).ConfigureAwait(false);
        return written;
    }

    /// <summary>
    /// At startup: reloads every episode that was active when the server stopped. Runs lost with the old
    /// process are recorded as interrupted; episodes past their wall-clock are truncated with their best
    /// submission graded; the rest stay resumable under the same session id.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken = default)
    {
        var active = await _services.Store.ListActiveSessionsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var record in active)
        {
            try
            {
                await GetAsync(record.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (SessionException ex)
            {
                SessionLog.RecoveryFailed(_logger, record.Id, ex.Message);
            }
        }

        return active.Count;
    }

    /// <summary>
    /// Server shutdown: kills the runs in flight and waits until each is recorded as interrupted (with the output
    /// it printed), so nothing is written to the store after this returns; then releases the sandboxes.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await _sweeper.DisposeAsync().ConfigureAwait(false);
        foreach (var session in Live.All)
        {
            var going = session.RunsGoing.ToList();
            await session.KillRunsAsync().ConfigureAwait(false);

            // FinishAsync never throws; it records the run and releases the gate.
            await Task.WhenAll(going.Select(h => h.Finished)).ConfigureAwait(false);
            await session.ReleaseSandboxAsync().ConfigureAwait(false);
        }
    }

    private async Task<EndResult> EndAsync(string sessionId, string reason, CancellationToken cancellationToken)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var episode = session.Episode;
        List<RunHandle> killed;
        using (await session.LockAsync(cancellationToken).ConfigureAwait(false))
        {
            killed = session.RunsGoing.ToList();

            // A queued episode closes like one that never scored: nothing to grade; releasing its sandbox cancels its job.
            if (!episode.HasEnded)
            {
                await session.CloseAsync(reason).ConfigureAwait(false);
            }

            await session.ReleaseSandboxAsync().ConfigureAwait(false);
        }

        // The killed runs record themselves once the gate is free; waiting for them means a get_history right after
        // this call shows them cancelled, not still running. FinishAsync never throws.
        await Task.WhenAll(killed.Select(h => h.Finished)).ConfigureAwait(false);
        return new EndResult(session.Id, episode.State, episode.EndReason, episode.StepsUsed, episode.BestPublicScore, episode.Final, episode.Budget())
        {
            Labels = session.Labels,
        };
    }

    private async Task<RunResult> RunAsync(string sessionId, ActionName action, string code, TimeSpan? wait, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new SessionException(SessionErrorCode.InvalidArgument, "code is empty. Send a complete Python script.");
        }

        if (code.Length > Options.MaxCodeChars)
        {
            throw new SessionException(SessionErrorCode.InvalidArgument, $"code is {code.Length:N0} characters; the limit is {Options.MaxCodeChars:N0}. Write large helpers with write_file and import them.");
        }

        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var handle = await StartRunAsync(session, action, code, cancellationToken).ConfigureAwait(false);
        return await _waiter.WaitAsync(session, handle, wait, progress, killOnCancel: Options.CancelledCallKillsRun, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RunHandle> StartRunAsync(Session session, ActionName action, string code, CancellationToken cancellationToken)
    {
        using var lease = await session.LockAsync(cancellationToken).ConfigureAwait(false);
        await session.EnsureActiveAsync(action).ConfigureAwait(false);
        var episode = session.Episode;
        if (episode.RefuseRun(session.RunsGoing.Select(h => h.RunId)) is { } refusal)
        {
            throw await session.RefuseAsync(action, refusal).ConfigureAwait(false);
        }

        var sandbox = session.Sandbox ?? await session.AttachSandboxAsync(_sandboxes, recreated: true, cancellationToken).ConfigureAwait(false);
        var plan = episode.PlanRun();
        try
        {
            if (await session.Files.WriteScriptAsync(plan, code, cancellationToken).ConfigureAwait(false))
            {
                SessionLog.DirectoryRecreated(_logger, session.Id, Workspace.RunsDirectory);
            }
        }
        catch (WorkspacePathException ex)
        {
            throw await session.RefuseAsync(action, new(SessionErrorCode.SandboxUnavailable, $"The script could not be written to the workspace ({ex.Message}); the step was not counted.")).ConfigureAwait(false);
        }

        var before = await session.Submissions.FingerprintAsync(cancellationToken).ConfigureAwait(false);
        ISandboxRun run;
        try
        {
            run = await sandbox.StartAsync(new SandboxRunRequest(plan.RunId, plan.ScriptPath, plan.Timeout, Workspace.RunsDirectory), cancellationToken).ConfigureAwait(false);
        }
        catch (SandboxPendingException ex)
        {
            // The sandbox is sound and holds its place in the queue: kept for the next call.
            throw await session.RefuseAsync(action, new(SessionErrorCode.SandboxUnavailable, $"{ex.Message} The step was not counted.")).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SandboxException or WorkspacePathException)
        {
            session.DropSandbox();
            throw await session.RefuseAsync(action, new(SessionErrorCode.SandboxUnavailable, $"The sandbox could not start the run ({ex.Message}); the step was not counted. Try again.")).ConfigureAwait(false);
        }

        episode.RunStarted(plan);
        var seq = await session.Recorder.RunStarted(action, plan, code).ConfigureAwait(false);
        var handle = new RunHandle(plan.RunId, plan.Step, seq, action, _services.Time.GetUtcNow(), run) { EndsAtDeadline = plan.EndsAtDeadline };
        handle.Finished = Task.Run(() => _completion.FinishAsync(session, handle, before), CancellationToken.None);
        session.Runs[plan.RunId] = handle;
        return handle;
    }

    private async Task<Session> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(sessionId))
        {
            throw new SessionException(SessionErrorCode.InvalidArgument, "session_id is required. Start one with start_session.");
        }

        if (Live.TryGet(sessionId, out var session))
        {
            return session;
        }

        await _loadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Live.TryGet(sessionId, out session) ? session : await LoadAsync(sessionId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _loadGate.Release();
        }
    }

    /// <summary>Brings a session back after a restart (see <see cref="SessionLoader"/>) and gives an active or queued one a sandbox (a queued one may have begun meanwhile).</summary>
    private async Task<Session> LoadAsync(string sessionId, CancellationToken cancellationToken)
    {
        var session = await _loader.LoadAsync(sessionId, cancellationToken).ConfigureAwait(false);
        Live.Add(session);
        if (!session.Episode.HasEnded)
        {
            using var lease = await session.LockAsync(cancellationToken).ConfigureAwait(false);
            await session.AttachSandboxAsync(_sandboxes, recreated: false, cancellationToken).ConfigureAwait(false);
            await session.CheckQueueAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }

        return session;
    }

    /// <summary>Who owns agent files, as the session's sandbox says; a session whose sandbox was released gets one back to ask.</summary>
    private async Task<int?> AgentGroupAsync(Session session, CancellationToken cancellationToken) =>
        (session.Sandbox ?? await session.AttachSandboxAsync(_sandboxes, recreated: true, cancellationToken).ConfigureAwait(false)).AgentGroupId;
}
