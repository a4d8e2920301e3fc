using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using MleDojo.Core.Execution;
using MleDojo.Sandbox.Common;
using MleDojo.Sandbox.Local;
using MleDojo.Sandbox.Warm;

namespace MleDojo.Sandbox.Slurm;

/// <summary>
/// One session's sandbox: its Slurm allocation (a holder job), in which each run is a job step started with
/// <c>srun --overlap</c> under the local backend's bubblewrap command, or, once the session's warm template (a long-lived
/// step of its own) is ready, a process forked from it. The holder job may still pend when the sandbox is
/// created (a busy cluster): <see cref="WaitReadyAsync"/> says so with Slurm's reason, and a run started before it runs
/// waits for it. An allocation that ended (time limit, preemption, node failure) is replaced before the next run, which
/// is told so in its note.
/// </summary>
internal sealed class SlurmSandbox : ISandbox
{
    // How long a seen-running allocation is trusted without asking Slurm again: asking costs an squeue per run, and a
    // step that cannot start (the allocation ended meanwhile) makes the next run ask at once.
    private static readonly TimeSpan TrustRunningFor = TimeSpan.FromSeconds(30);

    // How long starting a run waits for its step to start before returning it anyway.
    private static readonly TimeSpan StepStartWait = TimeSpan.FromSeconds(60);

    private readonly SandboxSpec _spec;
    private readonly LocalSandboxLayout _layout;
    private readonly LocalCommandBuilder _builder;
    private readonly LocalSandboxOptions _local;
    private readonly SlurmSandboxOptions _options;
    private readonly SlurmCommands _commands;
    private readonly SlurmAllocations _allocations;
    private readonly SandboxRunSet<ISandboxRun> _runs;
    private readonly SemaphoreSlim _allocationGate = new(1, 1);
    private readonly SlurmWarmInterpreter? _warm;
    private readonly ILogger _logger;
    private long _jobId;
    private long _verifiedAt = Stopwatch.GetTimestamp();
    private volatile bool _suspect;

    // Whether the allocation was ever seen running; until then it pends, and runs and readiness checks ask Slurm.
    private volatile bool _started;

    public SlurmSandbox(SandboxSpec spec, LocalSandboxLayout layout, LocalCommandBuilder builder, LocalSandboxOptions local, SlurmSandboxOptions options, SlurmCommands commands, SlurmAllocations allocations, long jobId, bool running, SlurmWarmInterpreter? warm, ILogger logger)
    {
        _warm = warm;
        _started = running;
        _spec = spec;
        _layout = layout;
        _builder = builder;
        _local = local;
        _options = options;
        _commands = commands;
        _allocations = allocations;
        _jobId = jobId;
        _logger = logger;
        _runs = new SandboxRunSet<ISandboxRun>(spec.SessionId);
        if (running)
        {
            warm?.Start(jobId);
        }
    }

    public string WorkspaceMountPath => _layout.MountPath;

    public int? AgentGroupId => _layout.Identity?.Gid;

    /// <summary>The session's current holder job.</summary>
    public long JobId => Interlocked.Read(ref _jobId);

    /// <summary>Whether the session's warm template is ready, so the next run forks from it (for tests and the benchmark).</summary>
    public bool WarmReady => _warm?.IsReady ?? false;

    public async Task<ISandboxRun> StartAsync(SandboxRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var script = SandboxRunRequests.Validate(request, _layout.HostWorkspace);
        return await _runs.StartAsync(request.RunId, () => StartRunAsync(request, script, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Ready once the allocation has been seen running (whether it still runs is the next run's to find out, which
    /// replaces an ended one). Until then asks Slurm, every poll interval up to <paramref name="wait"/> (null: the
    /// configured <see cref="SlurmSandboxOptions.AllocationWait"/>), and answers queued with the job and its pending
    /// reason. A holder job that ended before it ever started (cancelled by an operator, refused by a limit) is
    /// replaced by a fresh one, queued in its place.
    /// </summary>
    public async ValueTask<SandboxReadiness> WaitReadyAsync(TimeSpan? wait, CancellationToken cancellationToken = default)
    {
        if (_started)
        {
            return SandboxReadiness.Ready;
        }

        await _allocationGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_started)
            {
                return SandboxReadiness.Ready;
            }

            var jobId = JobId;
            var job = await _allocations.WaitRunningAsync(jobId, wait ?? _options.AllocationWait, cancellationToken).ConfigureAwait(false);
            if (job is { IsRunning: true })
            {
                _started = true;
                Trust();
                _warm?.Start(jobId);
                return SandboxReadiness.Ready;
            }

            if (job is { IsLive: true })
            {
                return SandboxReadiness.Queued(Invariant($"{jobId}"), Reason(job));
            }

            var fresh = await _allocations.SubmitAsync(_spec, cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _jobId, fresh);
            SlurmLog.PendingJobEnded(_logger, jobId, _spec.SessionId, job?.State ?? "gone", job?.Reason ?? "unknown", fresh);
            var queued = await _commands.FindAsync(fresh, cancellationToken).ConfigureAwait(false);
            return SandboxReadiness.Queued(Invariant($"{fresh}"), queued is null ? "submitted" : Reason(queued));
        }
        finally
        {
            _allocationGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_runs.Close() is not { } running)
        {
            return;
        }

        foreach (var run in running)
        {
            await run.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await _allocations.CancelAsync(JobId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SandboxException exception)
        {
            SlurmLog.JobCancelFailed(_logger, JobId, _spec.SessionId, exception);
        }

        // After the allocation: cancelling it ends the template's step at once (a template still importing would read
        // its closed stdin only once done), so the allocation is not held for the template's grace.
        if (_warm is not null)
        {
            await _warm.DisposeAsync().ConfigureAwait(false);
        }

        if (_layout.EtcDirectory is not null)
        {
            try
            {
                Directory.Delete(_layout.EtcDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Leftover generated passwd/hosts files are harmless.
            }
        }

        _allocationGate.Dispose();
    }

    private async Task<ISandboxRun> StartRunAsync(SandboxRunRequest request, string script, CancellationToken cancellationToken)
    {
        var (jobId, note) = await EnsureAllocationAsync(cancellationToken).ConfigureAwait(false);
        if (_warm is not null)
        {
            var (template, warmNote) = await _warm.AcquireAsync(jobId, _local.WarmStartWait, cancellationToken).ConfigureAwait(false);
            note = Join(note, warmNote);
            if (template is not null)
            {
                try
                {
                    return await StartWarmRunAsync(template, request, script, note, cancellationToken).ConfigureAwait(false);
                }
                catch (SandboxException exception)
                {
                    // The template died on the way (the next run starts a new one) or could not start this run: cold.
                    SlurmLog.WarmRunFailed(_logger, request.RunId, exception);
                    note = Join(note, "This run went cold: the session's warm interpreter could not start it.");
                }
            }
        }

        var run = StartStep(jobId, script, request, note);
        string? step;
        try
        {
            step = await run.StepId.WaitAsync(StepStartWait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Slurm is slow to launch it; the run goes on and reports what happens.
            return run;
        }

        if (step is not null)
        {
            return run;
        }

        // The step never started. When the allocation ended under it (unnoticed, as a running one is trusted for a
        // while), the run starts again in a fresh allocation instead of failing; otherwise srun's error is its result.
        await run.Completion.ConfigureAwait(false);
        _suspect = true;
        var (fresh, freshNote) = await EnsureAllocationAsync(cancellationToken).ConfigureAwait(false);
        if (fresh == jobId)
        {
            return run;
        }

        await run.DisposeAsync().ConfigureAwait(false);
        return StartStep(fresh, script, request, freshNote);
    }

    private async Task<ISandboxRun> StartWarmRunAsync(WarmTemplate template, SandboxRunRequest request, string script, string? note, CancellationToken cancellationToken)
    {
        var n = template.NextRunNumber();
        var clock = Stopwatch.StartNew();
        var capture = CreateCapture(request);
        try
        {
            // No output sockets: the node may be another host, so the template relays the run's output on its channel.
            var message = _builder.WarmRequest(_layout, script, _spec.Limits, request.Timeout, n, template.VirtualBytes);
            message.Remove("out");
            message.Remove("err");
            var spawn = await template.SpawnAsync(message, cancellationToken, (source, data) => capture.WriteAsync(source, data, CancellationToken.None)).ConfigureAwait(false);
            return new WarmRelayedRun(template, n, spawn, capture, request, _spec.Limits, LocalSandboxRun.ExitNote(_spec.Limits), note, clock, _logger);
        }
        catch
        {
            await capture.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string? Join(string? first, string? second) => first is null ? second : second is null ? first : first + " " + second;

    private SlurmSandboxRun StartStep(long jobId, string script, SandboxRunRequest request, string? note)
    {
        var srun = SrunCommand(jobId, script, request);
        return SlurmSandboxRun.Start(srun, jobId, _commands, CreateCapture(request), request, _spec.Limits, note, _logger);
    }

    private OutputCapture CreateCapture(SandboxRunRequest request) =>
        OutputCapture.Create(
            _layout.HostWorkspace,
            request.LogDirectory,
            request.RunId,
            _spec.Limits.MaxOutputBytes,
            _local.OutputHeadBytes,
            _local.OutputTailBytes,
            _local.RecentLineCapacity,
            _logger);

    /// <summary>The running allocation, replaced first when the previous one ended; the note tells the run about a replacement.</summary>
    private async Task<(long JobId, string? Note)> EnsureAllocationAsync(CancellationToken cancellationToken)
    {
        await _allocationGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var old = JobId;
            if (_started && !_suspect && Stopwatch.GetElapsedTime(Interlocked.Read(ref _verifiedAt)) < TrustRunningFor)
            {
                return (old, null);
            }

            // Never seen running: it pends (the caller did not wait for readiness), so the run waits for it a while.
            var job = _started
                ? await _commands.FindAsync(old, cancellationToken).ConfigureAwait(false)
                : await _allocations.WaitRunningAsync(old, _options.AllocationWait, cancellationToken).ConfigureAwait(false);
            if (job is { IsRunning: true })
            {
                _started = true;
                Trust();
                return (old, null);
            }

            if (job is { IsPending: true })
            {
                throw new SandboxPendingException($"The session's Slurm allocation (job {old}) has not started yet ({Reason(job)}); the cluster is busy. Try again later.");
            }

            SlurmLog.AllocationEnded(_logger, old, _spec.SessionId, job?.State ?? "gone", job?.Reason ?? "unknown");
            var fresh = await _allocations.SubmitAsync(_spec, cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _jobId, fresh);
            var started = await _allocations.WaitRunningAsync(fresh, _options.AllocationWait, cancellationToken).ConfigureAwait(false);
            if (started is not { IsRunning: true })
            {
                // The replacement keeps its place in the queue: the next run finds it pending (or running) as _jobId.
                _started = false;
                throw new SandboxPendingException(
                    $"The session's Slurm allocation (job {old}) ended ({job?.State ?? "gone"}), and its replacement, job {fresh}, "
                    + $"has not started yet ({started?.Reason ?? "unknown"}). Try again later.");
            }

            _started = true;
            Trust();
            var ended = job is null ? "ended" : $"ended ({job.State.ToLowerInvariant()}{(job.Reason is "None" or "" ? "" : ", " + job.Reason)})";
            return (fresh, $"The session's Slurm allocation (job {old}) {ended}; this run started in a new allocation, job {fresh}. "
                + "Processes of earlier runs are gone; the workspace is kept.");
        }
        finally
        {
            _allocationGate.Release();
        }
    }

    /// <summary>Slurm's pending reason, or the state when Slurm gives none.</summary>
    private static string Reason(SlurmJob job) => job.Reason is "" or "None" ? job.State.ToLowerInvariant() : job.Reason;

    private void Trust()
    {
        _suspect = false;
        Interlocked.Exchange(ref _verifiedAt, Stopwatch.GetTimestamp());
    }

    private ProcessStartInfo SrunCommand(long jobId, string script, SandboxRunRequest request)
    {
        // The step's own limit backs the server's wall clock up (Slurm counts whole minutes).
        var minutes = Math.Max(1, (long)Math.Ceiling(request.Timeout.TotalMinutes) + 1);
        return SlurmStepCommand.Create(
            _commands.Path("srun"),
            jobId,
            _spec.Limits.Cpus,
            _layout.HostWorkspace,
            _builder.Build(_layout, script, _spec.Limits, request.Timeout),
            ["--input=none", "--job-name=" + request.RunId, Invariant($"--time={minutes}")],
            SlurmStepCommand.StepIdPrologue);
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
