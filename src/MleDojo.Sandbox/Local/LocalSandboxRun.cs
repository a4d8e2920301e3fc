using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using MleDojo.Core.Execution;
using MleDojo.Core.Platform;
using MleDojo.Sandbox.Common;

namespace MleDojo.Sandbox.Local;

/// <summary>One started run: watches its wall clock, output volume and memory, and kills its whole process tree.</summary>
internal sealed class LocalSandboxRun : ISandboxRun
{
    // After the main process exits, how long to wait for stragglers to close the pipes before giving up on them.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly int _pid;
    private readonly OutputCapture _capture;
    private readonly SandboxRunRequest _request;
    private readonly SandboxLimits _limits;
    private readonly bool _mayLeaveStragglers;
    private readonly Stopwatch _clock;
    private readonly RunStopState _stop = new();
    private readonly RunResultBuilder _results;
    private readonly CancellationTokenSource _finished = new();
    private readonly CancellationTokenSource? _timeout;
    private readonly ILogger _logger;
    private string? _memoryNote;

    private LocalSandboxRun(
        Process process,
        OutputCapture capture,
        SandboxRunRequest request,
        SandboxLimits limits,
        bool mayLeaveStragglers,
        TimeSpan? memoryPollInterval,
        string? startNote,
        Stopwatch clock,
        ILogger logger)
    {
        _process = process;
        _logger = logger;
        _pid = process.Id;
        _capture = capture;
        _request = request;
        _limits = limits;
        _mayLeaveStragglers = mayLeaveStragglers;
        _clock = clock;
        _results = new RunResultBuilder(capture, request, limits, ExitNote(limits), startNote, SandboxInterpreter.Cold);

        // Agent code gets no stdin: it ends at once instead of blocking on a read nobody will answer.
        process.StandardInput.Close();
        capture.LimitReached += () => Stop(RunStopReason.OutputLimit);
        var pumps = Task.WhenAll(
            capture.PumpAsync(OutputCapture.Stdout, process.StandardOutput.BaseStream, CancellationToken.None),
            capture.PumpAsync(OutputCapture.Stderr, process.StandardError.BaseStream, CancellationToken.None));

        if (request.Timeout < TimeSpan.FromMilliseconds(int.MaxValue))
        {
            _timeout = new CancellationTokenSource(request.Timeout);
            _timeout.Token.Register(() => Stop(RunStopReason.TimedOut));
        }

        if (memoryPollInterval is { } interval && interval > TimeSpan.Zero && limits.MemoryBytes > 0)
        {
            _ = WatchMemoryAsync(interval);
        }

        Completion = MonitorAsync(pumps);
    }

    public string RunId => _request.RunId;

    public Task<SandboxRunResult> Completion { get; }

    /// <summary>Starts the process (from the launcher thread) and begins watching it. Disposes the capture on failure.</summary>
    public static async Task<LocalSandboxRun> StartAsync(
        ProcessStartInfo startInfo,
        OutputCapture capture,
        SandboxRunRequest request,
        SandboxLimits limits,
        bool mayLeaveStragglers,
        TimeSpan? memoryPollInterval,
        string? startNote,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        Process process;
        var clock = Stopwatch.StartNew();
        try
        {
            process = await ProcessLauncher.StartAsync(startInfo, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await capture.DisposeAsync().ConfigureAwait(false);
            if (exception is OperationCanceledException)
            {
                throw;
            }

            throw new SandboxException($"Could not start run {request.RunId}: {exception.Message}", exception);
        }

        return new LocalSandboxRun(process, capture, request, limits, mayLeaveStragglers, memoryPollInterval, startNote, clock, logger);
    }

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

    /// <summary>Kills the run for a reason; the first reason wins, and nothing happens once the process has exited by itself.</summary>
    private void Stop(RunStopReason reason)
    {
        if (_stop.TryStop(reason))
        {
            KillTree();
        }
    }

    private void KillTree()
    {
        // setsid made the outer process a group leader, so the group id is its pid. Under bubblewrap or unshare,
        // killing the outer process is what matters: its namespace init dies with it (PR_SET_PDEATHSIG) and the kernel
        // then kills everything left in the pid namespace, including processes that left the group.
        LibC.Kill(-_pid, LibC.SIGKILL);
        LibC.Kill(_pid, LibC.SIGKILL);
    }

    private async Task<SandboxRunResult> MonitorAsync(Task pumps)
    {
        try
        {
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            var duration = _clock.Elapsed;
            var reason = _stop.Finish();

            if (_mayLeaveStragglers)
            {
                // Without a pid namespace, background children outlive the main process; the run's end is theirs too.
                // The group still exists while they live, so its id cannot have been reused.
                LibC.Kill(-_pid, LibC.SIGKILL);
            }

            await Task.WhenAny(pumps, Task.Delay(DrainTimeout)).ConfigureAwait(false);
            await _finished.CancelAsync().ConfigureAwait(false);
            _timeout?.Dispose();
            var exitCode = _process.ExitCode;
            var result = _results.Build(reason, exitCode, duration, _memoryNote);
            await _capture.DisposeAsync().ConfigureAwait(false);
            _process.Dispose();
            return result;
        }
        catch (Exception exception)
        {
            // Completion must not fault: report the sandbox's own failure as a failed run the agent can read.
            LocalSandboxLog.RunWatchFailed(_logger, _request.RunId, exception);
            await _capture.DisposeAsync().ConfigureAwait(false);
            return _results.WatchFailed(exception, _clock.Elapsed);
        }
    }

    /// <summary>Explains a non-zero exit: the local backend's own rlimits (CPU time, file size) show up as signals here.</summary>
    public static Func<int, string, string?> ExitNote(SandboxLimits limits) => (exitCode, stderr) =>
    {
        var memory = RunResultBuilder.Mib(limits.MemoryBytes);
        return exitCode switch
        {
            128 + 9 => $"Killed by SIGKILL, most likely out of memory (the limit is {memory} MiB).",
            128 + 24 => $"Killed by SIGXCPU: a process used more CPU time than {limits.Cpus.ToString(CultureInfo.InvariantCulture)} CPU(s) for the whole timeout allow. Use fewer threads.",
            128 + 25 => "Killed by SIGXFSZ: a file grew past the file size limit.",
            _ => RunResultBuilder.SignalNote(exitCode)
                ?? (RunResultBuilder.ReportsOutOfMemory(stderr) ? $"The run ran out of memory (the limit is {memory} MiB per run)." : null),
        };
    };

    private async Task WatchMemoryAsync(TimeSpan interval)
    {
        try
        {
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(_finished.Token).ConfigureAwait(false))
            {
                var (bytes, processes) = ProcessTreeMemory.Measure(_pid);
                if (bytes > _limits.MemoryBytes)
                {
                    _memoryNote = $"Killed: the run's {processes} processes held {RunResultBuilder.Mib(bytes)} MiB together, over the memory limit of {RunResultBuilder.Mib(_limits.MemoryBytes)} MiB.";
                    Stop(RunStopReason.MemoryLimit);
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
        {
            // The run ended.
        }
    }
}
