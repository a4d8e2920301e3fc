using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using MleDojo.Core.Execution;
using MleDojo.Sandbox.Common;
using MleDojo.Sandbox.Local;

namespace MleDojo.Sandbox.Slurm;

/// <summary>
/// One session's sandbox: its Slurm allocation (a holder job), in which each run is a job step started with
/// <c>srun --overlap</c> under the local backend's bubblewrap command. The holder job may still pend when the sandbox is
/// created (a busy cluster): <see cref="WaitReadyAsync"/> says so with Slurm's reason, and a run started before it runs
/// waits for it. An allocation that ended (time limit, preemption, node failure) is replaced before the next run, which
/// is told so in its note.
/// </summary>
internal sealed class SlurmSandbox : ISandbox
{
    // The step prologue: print the step id (the server cancels the step by it), then become the isolated command.
    private const string StepPrologue = "printf '%s\\n' \"$SLURM_STEP_ID\"; exec \"$@\"";

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
    private readonly SandboxRunSet<SlurmSandboxRun> _runs;
    private readonly SemaphoreSlim _allocationGate = new(1, 1);
    private readonly ILogger _logger;
    private long _jobId;
    private long _verifiedAt = Stopwatch.GetTimestamp();
    private volatile bool _suspect;

    // Whether the allocation was ever seen running; until then it pends, and runs and readiness checks ask Slurm.
    private volatile bool _started;

    public SlurmSandbox(SandboxSpec spec, LocalSandboxLayout layout, LocalCommandBuilder builder, LocalSandboxOptions local, SlurmSandboxOptions options, SlurmCommands commands, SlurmAllocations allocations, long jobId, bool running, ILogger logger)
    {
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
        _runs = new SandboxRunSet<SlurmSandboxRun>(spec.SessionId);
    }

    public string WorkspaceMountPath => _layout.MountPath;

    public int? AgentGroupId => _layout.Identity?.Gid;

    /// <summary>The session's current holder job.</summary>
    public long JobId => Interlocked.Read(ref _jobId);

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

    private async Task<SlurmSandboxRun> StartRunAsync(SandboxRunRequest request, string script, CancellationToken cancellationToken)
    {
        var (jobId, note) = await EnsureAllocationAsync(cancellationToken).ConfigureAwait(false);
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

    private SlurmSandboxRun StartStep(long jobId, string script, SandboxRunRequest request, string? note)
    {
        var srun = SrunCommand(jobId, script, request);
        var capture = OutputCapture.Create(
            _layout.HostWorkspace,
            request.LogDirectory,
            request.RunId,
            _spec.Limits.MaxOutputBytes,
            _local.OutputHeadBytes,
            _local.OutputTailBytes,
            _local.RecentLineCapacity,
            _logger);
        return SlurmSandboxRun.Start(srun, jobId, _commands, capture, request, _spec.Limits, note, _logger);
    }

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
        var isolated = _builder.Build(_layout, script, _spec.Limits, request.Timeout);
        var srun = new ProcessStartInfo(_commands.Path("srun"))
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _layout.HostWorkspace,
        };

        // The step's own limit backs the server's wall clock up (Slurm counts whole minutes).
        var minutes = Math.Max(1, (long)Math.Ceiling(request.Timeout.TotalMinutes) + 1);
        string[] options =
        [
            Invariant($"--jobid={jobId}"), "--overlap", "--nodes=1", "--ntasks=1",
            Invariant($"--cpus-per-task={Math.Max(1, (int)Math.Ceiling(_spec.Limits.Cpus))}"),
            "--input=none", "--unbuffered", "--quiet", "--quiet",
            "--job-name=" + request.RunId, Invariant($"--time={minutes}"), "--chdir=" + _layout.HostWorkspace,
            "--", "/bin/sh", "-c", StepPrologue, "mledojo-step",
        ];
        foreach (var option in options)
        {
            srun.ArgumentList.Add(option);
        }

        // Inside the step, env -i gives agent code exactly the local backend's scrubbed environment (srun would pass
        // the server's own, SLURM_* variables included).
        srun.ArgumentList.Add("/usr/bin/env");
        srun.ArgumentList.Add("-i");
        foreach (var (key, value) in isolated.Environment)
        {
            srun.ArgumentList.Add($"{key}={value}");
        }

        // Without the local command's leading setsid: slurmstepd makes the task a process group leader, so setsid would
        // fork and leave the sandbox outside the step, where Slurm can neither track nor kill it (bwrap --new-session
        // still gives agent code its own session).
        foreach (var argument in isolated.ArgumentList)
        {
            srun.ArgumentList.Add(argument);
        }

        // The server may itself run inside a Slurm job: its job's variables would redirect or resize the step.
        foreach (var key in srun.Environment.Keys.Where(k => k.StartsWith("SLURM_", StringComparison.Ordinal) && k != "SLURM_CONF").ToList())
        {
            srun.Environment.Remove(key);
        }

        return srun;
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
