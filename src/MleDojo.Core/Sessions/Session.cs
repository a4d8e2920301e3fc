using MleDojo.Core.Competitions;
using MleDojo.Core.Execution;
using MleDojo.Core.Platform;
using MleDojo.Core.Recording;
using MleDojo.Core.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>
/// One session: its episode's rules, its workspace files, its submissions, its record and its sandbox. Guarded by
/// <see cref="Gate"/>: every change to the episode or the record happens while holding it; sandbox runs go on outside it.
/// </summary>
internal sealed class Session
{
    private readonly EngineServices _services;

    public Session(string id, PreparedCompetition prepared, BudgetLimits limits, Workspace workspace, DateTimeOffset createdAt, EngineServices services, string? previousSessionId = null, int lastSeq = 0)
    {
        _services = services;
        Id = id;
        Prepared = prepared;
        Workspace = workspace;
        PreviousSessionId = previousSessionId;
        Episode = new Episode(limits, prepared.Spec.Metric.HigherIsBetter, createdAt, score => services.Grader.Reward(prepared, score), services.Time);
        Files = new SessionFiles(workspace, services.Options);
        Submissions = new SubmissionSnapshots(workspace, Path.Combine(services.DataRoot.Sessions, id, "submissions"), prepared, services.Grader);
        Info = new TaskInfo(prepared, workspace);
        Recorder = new EpisodeRecorder(services.Store, id, services.Time, lastSeq);
    }

    public string Id { get; }

    public PreparedCompetition Prepared { get; }

    public CompetitionSpec Spec => Prepared.Spec;

    public Episode Episode { get; }

    public Workspace Workspace { get; }

    public SessionFiles Files { get; }

    public SubmissionSnapshots Submissions { get; }

    public TaskInfo Info { get; }

    public EpisodeRecorder Recorder { get; }

    public string? PreviousSessionId { get; }

    /// <summary>Who plays it.</summary>
    public SessionLabels Labels { get; init; } = SessionLabels.None;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    // Concurrent: changed under the gate, but counted without it (quotas, the dashboard).
    public System.Collections.Concurrent.ConcurrentDictionary<string, RunHandle> Runs { get; } = new(StringComparer.Ordinal);

    public IEnumerable<RunHandle> RunsGoing => Runs.Values.Where(h => !h.IsFinished);

    public ISandbox? Sandbox { get; set; }

    public string SandboxName { get; set; } = "";

    /// <summary>The workspace path as agent code sees it.</summary>
    public string? WorkspaceMountPath { get; set; }

    public SandboxIsolation? Isolation { get; set; }

    /// <summary>Where a queued session's sandbox waits, as last seen; null once it is active (or never queued).</summary>
    public QueueStatus? Queue { get; private set; }

    public WorkspaceLayout Layout => WorkspaceLayout.For(Workspace, WorkspaceMountPath);

    /// <summary>Takes the session's gate: one change to the episode or its record at a time.</summary>
    public async Task<GateLease> LockAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new GateLease(Gate);
    }

    /// <summary>What start_session and reset answer: the task, the budget and the paths as agent code sees them.</summary>
    public SessionStarted Describe() => new()
    {
        SessionId = Id,
        CompetitionId = Spec.Id,
        Title = Spec.Title,
        Metric = Spec.Metric.Name,
        HigherIsBetter = Spec.Metric.HigherIsBetter,
        Budget = Episode.Budget(),
        Workspace = Layout,
        Overview = Info.Overview,
        Sandbox = $"{SandboxName}: {Isolation?.Description}",
        PreviousSessionId = PreviousSessionId,
        Labels = Labels,
        State = Episode.IsQueued ? EpisodeState.Queued : null,
        Queue = Episode.IsQueued ? Queue : null,
    };

    /// <summary>
    /// Asks the sandbox, waiting up to <paramref name="wait"/> (null: the backend's default), whether a queued episode
    /// can begin: when it can, its clock starts now and the session row says so; when not, <see cref="Queue"/> holds the
    /// newest job and reason. An episode that is not queued is left alone. Hold the gate.
    /// </summary>
    /// <exception cref="SessionException">The backend could not tell (its scheduler does not answer).</exception>
    public async Task CheckQueueAsync(TimeSpan? wait, CancellationToken cancellationToken)
    {
        if (!Episode.IsQueued || Sandbox is not { } sandbox)
        {
            return;
        }

        SandboxReadiness readiness;
        try
        {
            readiness = await sandbox.WaitReadyAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (SandboxException ex)
        {
            throw new SessionException(SessionErrorCode.SandboxUnavailable, $"Whether the session's allocation has started could not be checked ({ex.Message}). Try again.");
        }

        if (readiness.IsReady)
        {
            Episode.StartClock(_services.Time.GetUtcNow());
            Queue = null;
            SessionLog.ClockStarted(_services.Logger, Id, Episode.ClockStartedAt!.Value - Episode.StartedAt);
            await SaveAsync().ConfigureAwait(false);
            return;
        }

        Queue = new QueueStatus { JobId = readiness.JobId ?? "unknown", Reason = readiness.Reason ?? "unknown", QueuedSince = Episode.StartedAt };
    }

    /// <summary>
    /// Truncates the episode if a budget ran out, or starts a queued one whose sandbox was granted meanwhile (looking
    /// without waiting); then refuses <paramref name="action"/> unless the episode is active. Hold the gate.
    /// </summary>
    public async Task EnsureActiveAsync(ActionName? action)
    {
        if (action is not null)
        {
            await CheckQueueAsync(TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
        }

        if (action is { } waiting && Episode.IsQueued && Queue is { } queue)
        {
            throw await RefuseAsync(waiting, queue.Refusal(Id)).ConfigureAwait(false);
        }

        if (Episode.TruncationDue() is { } reason)
        {
            await TruncateAsync(reason).ConfigureAwait(false);
            await SaveAsync().ConfigureAwait(false);
        }

        if (action is { } refused && Episode.RefuseChange() is { } over)
        {
            throw await RefuseAsync(refused, over).ConfigureAwait(false);
        }
    }

    /// <summary>Records a refused call and returns the exception to throw. Hold the gate.</summary>
    public async Task<SessionException> RefuseAsync(ActionName action, Refusal refusal)
    {
        await Recorder.Refused(action, refusal).ConfigureAwait(false);
        SessionLog.Refused(_services.Logger, Id, DojoJson.WireName(action), refusal.Code, refusal.Message);
        return new SessionException(refusal.Code, refusal.Message);
    }

    /// <summary>
    /// A budget ran out: stops runs, grades the best valid submission (or keeps the best already submitted), ends the
    /// episode and releases the sandbox (no run can start any more). Hold the gate.
    /// </summary>
    public async Task TruncateAsync(string reason)
    {
        await KillRunsAsync().ConfigureAwait(false);
        Episode.Truncate(reason, await GradeAtEndAsync().ConfigureAwait(false));
        SessionLog.Ended(_services.Logger, Id, Episode.State, reason);
        await Recorder.Truncated(reason, Episode.Final).ConfigureAwait(false);
        await ReleaseSandboxAsync().ConfigureAwait(false);
    }

    /// <summary>The agent ends the episode: stops runs, grades the best valid submission unless it submitted, records the end. Hold the gate.</summary>
    public async Task CloseAsync(string reason)
    {
        await KillRunsAsync().ConfigureAwait(false);
        Episode.Close(reason, await GradeAtEndAsync().ConfigureAwait(false));
        SessionLog.Ended(_services.Logger, Id, Episode.State, reason);
        await Recorder.Ended(Episode.Final).ConfigureAwait(false);
        await SaveAsync().ConfigureAwait(false);
    }

    /// <summary>Grades a scored step's snapshot on the private rows.</summary>
    public async Task<SubmitResult> GradeAsync(int step, bool automatic)
    {
        // Async: an imported competition may be graded by its own code in a separate process.
        var report = await _services.Grader.GradeAsync(Prepared, Episode.SnapshotOf(step)).ConfigureAwait(false);
        return new SubmitResult
        {
            SessionId = Id,
            Step = step,
            PrivateScore = report.PrivateScore,
            PublicScore = report.PublicScore,
            PositionScore = report.PositionScore,
            Medal = report.Medal,
            NormalizedScore = report.NormalizedScore,
            Automatic = automatic,
            Terminated = false,
            Truncated = false,
            SawPublicScores = Episode.SawPublicScores,
            Report = report,
            Budget = Episode.Budget(),
        };
    }

    private async Task<SubmitResult?> GradeAtEndAsync() =>
        Episode.StepToGradeAtEnd is { } best ? await GradeAsync(best, automatic: true).ConfigureAwait(false) : null;

    /// <summary>Writes the session row as the episode stands now.</summary>
    public Task SaveAsync() => Recorder.SaveAsync(new SessionRecord
    {
        Id = Id,
        CompetitionId = Spec.Id,
        State = Episode.State,
        CreatedAt = Episode.StartedAt,
        ClockStartedAt = Episode.ClockStartedAt,
        EndedAt = Episode.EndedAt,
        EndReason = Episode.EndReason,
        BudgetJson = EpisodeRecorder.BudgetJson(Episode.Limits),
        Sandbox = SandboxName,
        Isolation = Isolation?.Description ?? "unknown",
        Isolated = Isolation?.IsFull ?? false,
        WorkspacePath = Workspace.Root,
        PreviousSessionId = PreviousSessionId,
        SawPublicScores = Episode.SawPublicScores,
        FinalJson = EpisodeRecorder.FinalJson(Episode.Final),
        Labels = Labels,
    });

    /// <summary>Kills every run still going (each then finishes and records itself once the gate is free).</summary>
    public async Task KillRunsAsync()
    {
        foreach (var handle in RunsGoing.ToList())
        {
            await handle.Run.KillAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Creates the session's sandbox (again, when <paramref name="recreated"/>: the last one failed) and records what it isolates.</summary>
    public async Task<ISandbox> AttachSandboxAsync(ISandboxProvider provider, bool recreated, CancellationToken cancellationToken)
    {
        var limits = Episode.Limits;
        var spec = new SandboxSpec(Id, Workspace.Root, [Workspace.InputDirectory],
            new SandboxLimits(limits.MemoryMegabytes * 1024L * 1024L, limits.Cpus, limits.MaxProcesses, limits.MaxOutputBytes))
        {
            SessionDuration = TimeSpan.FromSeconds(limits.EpisodeTimeoutSeconds),
            Gpus = limits.Gpus,
        };
        try
        {
            Sandbox = await provider.CreateAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SandboxException or WorkspacePathException)
        {
            throw new SessionException(SessionErrorCode.SandboxUnavailable, $"The sandbox could not be created: {ex.Message}");
        }

        SandboxName = provider.Name;
        WorkspaceMountPath = Sandbox.WorkspaceMountPath;
        Isolation = provider.Isolation;
        if (recreated)
        {
            SessionLog.SandboxRecreated(_services.Logger, Id);
        }

        return Sandbox;
    }

    /// <summary>
    /// Drops a sandbox that could not start a run (the next run gets a new one) and releases it once the runs it still
    /// holds have ended: left alone, it would hold its container or its Slurm allocation until the server stops. Hold the gate.
    /// </summary>
    public void DropSandbox()
    {
        if (Sandbox is not { } sandbox)
        {
            return;
        }

        Sandbox = null;
        var going = RunsGoing.Select(h => h.Finished).ToList();
        _ = Task.WhenAll(going).ContinueWith(_ => sandbox.DisposeAsync().AsTask(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Releases the sandbox, if one is attached.</summary>
    public async Task ReleaseSandboxAsync()
    {
        if (Sandbox is { } sandbox)
        {
            Sandbox = null;
            await sandbox.DisposeAsync().ConfigureAwait(false);
        }
    }
}
