using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MleDojo.Core.Execution;
using MleDojo.Core.Platform;
using MleDojo.Sandbox.Common;
using MleDojo.Sandbox.Warm;

namespace MleDojo.Sandbox.Local;

/// <summary>
/// One run forked from the session's warm template: watches its wall clock, output volume and memory like a cold run,
/// and kills its whole process tree by killing its init (pid 1 of the run's own pid namespace; the kernel then kills
/// every process left in it).
/// </summary>
internal sealed class LocalWarmRun : ISandboxRun
{
    // After the run's init exits, how long to wait for the output sockets to close before giving up on them.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly WarmTemplate _template;
    private readonly int _innerPid;
    private readonly long _prefaultedBytes;
    private readonly WarmRunSockets _sockets;
    private readonly OutputCapture _capture;
    private readonly SandboxRunRequest _request;
    private readonly SandboxLimits _limits;
    private readonly Stopwatch _clock;
    private readonly RunStopState _stop = new();
    private readonly RunResultBuilder _results;
    private readonly CancellationTokenSource _finished = new();
    private readonly CancellationTokenSource? _timeout;
    private readonly ILogger _logger;
    private int? _hostPid;
    private string? _memoryNote;

    public LocalWarmRun(
        WarmTemplate template,
        WarmSpawn spawn,
        WarmRunSockets sockets,
        OutputCapture capture,
        SandboxRunRequest request,
        SandboxLimits limits,
        TimeSpan? memoryPollInterval,
        Func<int, string, string?> exitNote,
        string? startNote,
        Stopwatch clock,
        ILogger logger)
    {
        _template = template;
        _innerPid = spawn.Pid;
        _prefaultedBytes = spawn.PrefaultedBytes;
        _sockets = sockets;
        _capture = capture;
        _request = request;
        _limits = limits;
        _clock = clock;
        _logger = logger;
        _results = new RunResultBuilder(capture, request, limits, WarmExitNotes.With(exitNote), startNote, SandboxInterpreter.Warm);

        capture.LimitReached += () => Stop(RunStopReason.OutputLimit);
        var pumps = Task.WhenAll(PumpAsync(OutputCapture.Stdout), PumpAsync(OutputCapture.Stderr));
        if (request.Timeout < TimeSpan.FromMilliseconds(int.MaxValue))
        {
            _timeout = new CancellationTokenSource(request.Timeout);
            _timeout.Token.Register(() => Stop(RunStopReason.TimedOut));
        }

        if (memoryPollInterval is { } interval && interval > TimeSpan.Zero && limits.MemoryBytes > 0)
        {
            _ = WatchMemoryAsync(interval);
        }

        Completion = MonitorAsync(spawn.Exited, pumps);
    }

    public string RunId => _request.RunId;

    public Task<SandboxRunResult> Completion { get; }

    public IReadOnlyList<string> RecentOutput(int maxLines) => _capture.Recent(maxLines);

    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        Stop(RunStopReason.Cancelled);
        await Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        Stop(RunStopReason.Cancelled);
        await Completion.ConfigureAwait(false);
    }

    private void Stop(RunStopReason reason)
    {
        if (_stop.TryStop(reason) && HostPid() is { } pid)
        {
            // Once the init has exited by itself the stop is ignored (Finish ran first), except in the moment between
            // the template reaping it and its exit event arriving through the pipe.
            LibC.Kill(pid, LibC.SIGKILL);
        }
    }

    private int? HostPid()
    {
        lock (_stop)
        {
            return _hostPid ??= NamespacePids.HostPid(_template.RootPid, _innerPid);
        }
    }

    private async Task PumpAsync(int source)
    {
        if (await _sockets.AcceptAsync(source, _finished.Token).ConfigureAwait(false) is { } stream)
        {
            await using (stream.ConfigureAwait(false))
            {
                await _capture.PumpAsync(source, stream, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task<SandboxRunResult> MonitorAsync(Task<int?> exited, Task pumps)
    {
        try
        {
            var status = await exited.ConfigureAwait(false);
            var duration = _clock.Elapsed;
            var reason = _stop.Finish();

            // An init that never connected its output leaves the accepts waiting: end them after the drain.
            await Task.WhenAny(pumps, Task.Delay(DrainTimeout)).ConfigureAwait(false);
            await _finished.CancelAsync().ConfigureAwait(false);
            await pumps.ConfigureAwait(false);
            _timeout?.Dispose();
            _sockets.Dispose();
            string? note = null;
            int? exitCode = status is { } code ? (code < 0 ? 128 - code : code) : null;
            if (status is null)
            {
                note = "The session's warm interpreter stopped during this run, which ended with it. The next run starts a new one.";
                exitCode = null;
            }

            var result = _results.Build(reason, exitCode, duration, _memoryNote, note);
            await _capture.DisposeAsync().ConfigureAwait(false);
            return result;
        }
        catch (Exception exception)
        {
            LocalSandboxLog.RunWatchFailed(_logger, _request.RunId, exception);
            _sockets.Dispose();
            await _capture.DisposeAsync().ConfigureAwait(false);
            return _results.WatchFailed(exception, _clock.Elapsed);
        }
    }

    private async Task WatchMemoryAsync(TimeSpan interval)
    {
        try
        {
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(_finished.Token).ConfigureAwait(false))
            {
                if (HostPid() is not { } pid)
                {
                    continue;
                }

                var (bytes, processes) = ProcessTreeMemory.MeasureForked(pid, _template.AnonymousBytes, _prefaultedBytes);
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
