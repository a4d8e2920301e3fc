using System.Diagnostics;
using MleDojo.Core.Execution;
using MleDojo.Sandbox.Common;
using MleDojo.Sandbox.Warm;

namespace MleDojo.Sandbox.Docker;

/// <summary>
/// One run: a <c>docker exec</c> of the supervisor in the session's container, or a run of its warm template, whose
/// output and exit code the template relays (<see cref="DockerRelayedExec"/>), the run's all the same. Streams its output into the
/// capture, watches the wall clock and the output volume, and has the sandbox kill its process tree inside the container.
/// </summary>
internal sealed class DockerSandboxRun : ISandboxRun
{
    // How often the exec is asked whether it is still running while its output is still open: output stays open when
    // processes outlive the supervisor (agent code killed its own supervisor), and the run has ended all the same.
    private static readonly TimeSpan ExitPollInterval = TimeSpan.FromSeconds(1);

    // After the supervisor exits, how long stragglers may hold the output open before they are killed.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    private readonly DockerSandbox _sandbox;
    private readonly IDockerExec _exec;
    private readonly OutputCapture _capture;
    private readonly SandboxRunRequest _request;
    private readonly SandboxLimits _limits;
    private readonly Stopwatch _clock;
    private readonly RunStopState _stop = new();
    private readonly RunResultBuilder _results;
    private readonly CancellationTokenSource? _timeout;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly DockerWarmTemplate? _warm;
    private Task? _killing;

    public DockerSandboxRun(
        DockerSandbox sandbox,
        IDockerExec exec,
        OutputCapture capture,
        SandboxRunRequest request,
        SandboxLimits limits,
        string? startNote,
        Stopwatch clock,
        DockerWarmTemplate? warm = null)
    {
        _sandbox = sandbox;
        _exec = exec;
        _capture = capture;
        _request = request;
        _limits = limits;
        _clock = clock;
        _warm = warm;
        _results = new RunResultBuilder(capture, request, limits, ExitNote, startNote, warm is null ? SandboxInterpreter.Cold : SandboxInterpreter.Warm);

        capture.LimitReached += () => Stop(RunStopReason.OutputLimit);
        var pump = PumpAsync();
        if (request.Timeout < TimeSpan.FromMilliseconds(int.MaxValue))
        {
            _timeout = new CancellationTokenSource(request.Timeout);
            _timeout.Token.Register(() => Stop(RunStopReason.TimedOut));
        }

        Completion = MonitorAsync(pump);
    }

    public string RunId => _request.RunId;

    public Task<SandboxRunResult> Completion { get; }

    /// <summary>The marker in the supervisor's command line that the killer finds it by.</summary>
    public string Marker => ContainerScripts.RunMarkerPrefix + _request.RunId;

    /// <summary>For a warm run, the pid of its supervisor in the container once the template has forked it.</summary>
    public int? WarmSupervisorPid => _warm?.SupervisorPid(Marker);

    /// <summary>Completes when the supervisor has exited and the output has ended (before the result is built).</summary>
    public Task Exited => _exited.Task;

    public IReadOnlyList<string> RecentOutput(int maxLines) => _capture.Recent(maxLines);

    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        Stop(RunStopReason.Cancelled);
        await Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Kills the run if it is still going (a run nobody holds can no longer be stopped) and waits for its end.</summary>
    public async ValueTask DisposeAsync()
    {
        Stop(RunStopReason.Cancelled);
        await Completion.ConfigureAwait(false);
    }

    /// <summary>
    /// Records that the run is being stopped without killing it here: the sandbox is about to remove the whole
    /// container, which ends every run in it at once.
    /// </summary>
    public void MarkStopped(RunStopReason reason) => _stop.TryStop(reason);

    /// <summary>Kills the run for a reason; the first reason wins, and nothing happens once it has ended by itself.</summary>
    private void Stop(RunStopReason reason)
    {
        // The kill is started under the stop lock, so the monitor that finishes the run sees it and waits for it. It
        // runs off the lock and off the caller (a timer, the output reader): killing takes engine round trips.
        _stop.TryStop(reason, () => _killing = Task.Run(() => _sandbox.KillRunAsync(this)));
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var (count, source) = await _exec.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false);
                if (count == 0)
                {
                    return;
                }

                await _capture.WriteAsync(source, buffer.AsMemory(0, count), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or System.Net.Http.HttpRequestException)
        {
            // The connection ended with the container (killed, removed): the output so far is kept. Expected once the
            // run was stopped; before that, the container died under it or the engine dropped the connection.
            if (_stop.IsStopped)
            {
                DockerLog.OutputEndedAfterStop(_sandbox.Logger, RunId, exception);
            }
            else
            {
                DockerLog.OutputBroke(_sandbox.Logger, RunId, exception);
            }
        }
    }

    private async Task<SandboxRunResult> MonitorAsync(Task pump)
    {
        try
        {
            var exitCode = await WaitForExitAsync(pump).ConfigureAwait(false);
            var duration = _clock.Elapsed;
            _exited.TrySetResult();
            var reason = _stop.Finish();

            _timeout?.Dispose();
            string? containerNote = null;
            if (reason == RunStopReason.None && exitCode is null or >= 128)
            {
                // A signal ended the supervisor itself, or the script (the supervisor reports that too): the container
                // may have died under the run, or agent code killed its supervisor and left processes behind, which
                // were re-parented to the container's init where no supervisor cleans them up.
                containerNote = await _sandbox.DescribeContainerLossAsync().ConfigureAwait(false);
                if (containerNote is null)
                {
                    await _sandbox.SweepAsync().ConfigureAwait(false);
                }
            }

            if (_killing is { } killing)
            {
                await killing.ConfigureAwait(false);
            }

            _warm?.Forget(Marker);
            var result = _results.Build(reason, exitCode, duration, containerNote: containerNote);
            await _capture.DisposeAsync().ConfigureAwait(false);
            await _exec.DisposeAsync().ConfigureAwait(false);
            return result;
        }
        catch (Exception exception)
        {
            _exited.TrySetResult();

            // Completion must not fault: report the sandbox's own failure as a failed run the agent can read.
            DockerLog.RunWatchFailed(_sandbox.Logger, RunId, exception);
            await _capture.DisposeAsync().ConfigureAwait(false);
            await _exec.DisposeAsync().ConfigureAwait(false);
            return _results.WatchFailed(exception, _clock.Elapsed);
        }
    }

    /// <summary>Waits until the output has ended and the supervisor has exited; returns its exit code, or null when unknown.</summary>
    private async Task<int?> WaitForExitAsync(Task pump)
    {
        while (true)
        {
            var finished = await Task.WhenAny(pump, Task.Delay(ExitPollInterval)).ConfigureAwait(false);
            if (finished == pump)
            {
                return await ExitCodeAsync().ConfigureAwait(false);
            }

            DockerExecStatus status;
            try
            {
                status = await _exec.InspectAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The engine lost track of the exec (its container is gone): the output ends with it.
                ExecLost(exception);
                await Task.WhenAny(pump, Task.Delay(DrainTimeout)).ConfigureAwait(false);
                return null;
            }

            if (!status.Running)
            {
                // The supervisor is gone but something still holds its output open: processes that outlived it.
                if (await Task.WhenAny(pump, Task.Delay(DrainTimeout)).ConfigureAwait(false) != pump)
                {
                    await _sandbox.SweepAsync().ConfigureAwait(false);
                    await Task.WhenAny(pump, Task.Delay(DrainTimeout)).ConfigureAwait(false);
                }

                return status.ExitCode;
            }
        }
    }

    private async Task<int?> ExitCodeAsync()
    {
        // The output closes a moment before the engine records the exit code.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                var status = await _exec.InspectAsync(CancellationToken.None).ConfigureAwait(false);
                if (!status.Running)
                {
                    return status.ExitCode;
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                ExecLost(exception);
                return null;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>An exec the engine no longer knows: expected once the run was stopped (its container removed), a warning otherwise.</summary>
    private void ExecLost(Exception exception)
    {
        if (_stop.IsStopped)
        {
            DockerLog.ExecGoneAfterStop(_sandbox.Logger, RunId, exception);
        }
        else
        {
            DockerLog.ExecLost(_sandbox.Logger, RunId, exception);
        }
    }

    /// <summary>Explains a non-zero exit: memory is one limit for the whole container, not per run.</summary>
    private string? ExitNote(int exitCode, string stderr)
    {
        var memory = RunResultBuilder.Mib(_limits.MemoryBytes);
        return exitCode switch
        {
            WarmExitNotes.SetupFailed when _warm is not null => WarmExitNotes.SetupFailedNote,
            DockerRelayedExec.TemplateLost when _warm is not null && stderr.EndsWith("sandbox: the warm interpreter stopped during this run\n", StringComparison.Ordinal) =>
                "The session's warm interpreter stopped during this run, which ended with it; the next runs go cold until a new one is ready.",
            DockerRelayedExec.NotTaken when _warm is not null && stderr.StartsWith("sandbox: the warm interpreter", StringComparison.Ordinal) =>
                "The session's warm interpreter could not start this run (stderr says why); run the step again, or start the server with --cold-runs.",
            128 + 9 => $"Killed by SIGKILL, most likely out of memory (the session's container has {memory} MiB for all its processes).",
            _ => RunResultBuilder.SignalNote(exitCode)
                ?? (RunResultBuilder.ReportsOutOfMemory(stderr) ? $"The run ran out of memory (the limit is {memory} MiB)." : null),
        };
    }
}
