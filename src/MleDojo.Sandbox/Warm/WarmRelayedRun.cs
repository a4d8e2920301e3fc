using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MleDojo.Core.Execution;
using MleDojo.Sandbox.Common;

namespace MleDojo.Sandbox.Warm;

/// <summary>
/// One run forked from a warm template the server reaches only through its control channel (on a Slurm node): its
/// output comes relayed by the template, and its wall clock, output cap and cancel are enforced by asking the template
/// to kill its init, which ends every process in the run's pid namespace. Memory is capped by the run's rlimits, as a
/// cold run's on that backend.
/// </summary>
internal sealed class WarmRelayedRun : ISandboxRun
{
    // After a kill is asked, how long the template gets to report the end before the run is given up as lost.
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(30);

    private readonly WarmTemplate _template;
    private readonly int _n;
    private readonly OutputCapture _capture;
    private readonly SandboxRunRequest _request;
    private readonly Stopwatch _clock;
    private readonly RunStopState _stop = new();
    private readonly RunResultBuilder _results;
    private readonly CancellationTokenSource? _timeout;
    private readonly TaskCompletionSource _killAsked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;

    /// <param name="template">The template the run was forked from.</param>
    /// <param name="n">The run's number with the template.</param>
    /// <param name="spawn">What the template said when the run started.</param>
    /// <param name="capture">Where the relayed output went from the start (the template's sink for this run).</param>
    /// <param name="request">The run.</param>
    /// <param name="limits">The session's limits.</param>
    /// <param name="exitNote">The cold path's notes on exit codes.</param>
    /// <param name="startNote">A note from the start (a replaced allocation).</param>
    /// <param name="clock">Started when the run was asked for.</param>
    /// <param name="logger">The sandbox's log.</param>
    public WarmRelayedRun(WarmTemplate template, int n, WarmSpawn spawn, OutputCapture capture, SandboxRunRequest request, SandboxLimits limits, Func<int, string, string?> exitNote, string? startNote, Stopwatch clock, ILogger logger)
    {
        _template = template;
        _n = n;
        _capture = capture;
        _request = request;
        _clock = clock;
        _logger = logger;
        _results = new RunResultBuilder(capture, request, limits, WarmExitNotes.With(exitNote), startNote, SandboxInterpreter.Warm);

        capture.LimitReached += () => Stop(RunStopReason.OutputLimit);
        if (request.Timeout < TimeSpan.FromMilliseconds(int.MaxValue))
        {
            _timeout = new CancellationTokenSource(request.Timeout);
            _timeout.Token.Register(() => Stop(RunStopReason.TimedOut));
        }

        Completion = MonitorAsync(spawn.Exited);
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
        if (_stop.TryStop(reason))
        {
            _ = AskKillAsync();
        }
    }

    private async Task AskKillAsync()
    {
        try
        {
            await _template.KillAsync(_n, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SandboxException exception)
        {
            // The template is gone, and the run with it: its end is reported as the template's death.
            WarmLog.ControlFailed(_logger, exception);
        }
        finally
        {
            _killAsked.TrySetResult();
        }
    }

    private async Task<SandboxRunResult> MonitorAsync(Task<int?> exited)
    {
        try
        {
            var status = await WaitExitAsync(exited).ConfigureAwait(false);
            var duration = _clock.Elapsed;
            var reason = _stop.Finish();
            _timeout?.Dispose();
            string? note = null;
            int? exitCode = status is { } code ? (code < 0 ? 128 - code : code) : null;
            if (status is null)
            {
                note = "The session's warm interpreter stopped during this run, which ended with it. The next run starts a new one.";
            }

            var result = _results.Build(reason, exitCode, duration, memoryNote: null, containerNote: note);
            await _capture.DisposeAsync().ConfigureAwait(false);
            return result;
        }
        catch (Exception exception)
        {
            WarmLog.RelayedRunFailed(_logger, _request.RunId, exception);
            await _capture.DisposeAsync().ConfigureAwait(false);
            return _results.WatchFailed(exception, _clock.Elapsed);
        }
    }

    /// <summary>The run's exit status; once a kill was asked, at most <see cref="KillGrace"/> later (null: lost with the template).</summary>
    private async Task<int?> WaitExitAsync(Task<int?> exited)
    {
        var first = await Task.WhenAny(exited, _killAsked.Task).ConfigureAwait(false);
        if (first == exited)
        {
            return await exited.ConfigureAwait(false);
        }

        try
        {
            return await exited.WaitAsync(KillGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }
}
