using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using MleDojo.Core.Execution;
using MleDojo.Sandbox.Common;
using MleDojo.Sandbox.Local;

namespace MleDojo.Sandbox.Slurm;

/// <summary>
/// One run: an <c>srun</c> job step in the session's allocation. Its output streams back through srun's pipes. The
/// step's first stdout line, printed by a prologue before agent code starts, is its step id, so timeouts and cancels
/// end the whole step through Slurm (<c>scancel job.step</c>) rather than only the srun client here.
/// </summary>
internal sealed class SlurmSandboxRun : ISandboxRun
{
    // After a kill, how long Slurm gets to end the step before the srun client is killed too.
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(15);

    // After srun exits, how long to wait for the pipes to drain.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly Process _srun;
    private readonly long _jobId;
    private readonly SlurmCommands _commands;
    private readonly OutputCapture _capture;
    private readonly SandboxRunRequest _request;
    private readonly Stopwatch _clock;
    private readonly RunStopState _stop = new();
    private readonly RunResultBuilder _results;
    private readonly CancellationTokenSource? _timeout;
    private readonly TaskCompletionSource<string?> _stepId = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private int _killing;

    private SlurmSandboxRun(Process srun, long jobId, SlurmCommands commands, OutputCapture capture, SandboxRunRequest request, SandboxLimits limits, string? startNote, Stopwatch clock, ILogger logger)
    {
        _srun = srun;
        _jobId = jobId;
        _commands = commands;
        _capture = capture;
        _request = request;
        _clock = clock;
        _logger = logger;
        // srun passes on the task's exit code (128 + n for a signal), so a step's exit means what a local run's does.
        _results = new RunResultBuilder(capture, request, limits, LocalSandboxRun.ExitNote(limits), startNote, SandboxInterpreter.Cold);

        srun.StandardInput.Close();
        capture.LimitReached += () => Stop(RunStopReason.OutputLimit);
        var pumps = Task.WhenAll(
            PumpStdoutAsync(srun.StandardOutput.BaseStream),
            capture.PumpAsync(OutputCapture.Stderr, srun.StandardError.BaseStream, CancellationToken.None));
        if (request.Timeout < TimeSpan.FromMilliseconds(int.MaxValue))
        {
            _timeout = new CancellationTokenSource(request.Timeout);
            _timeout.Token.Register(() => Stop(RunStopReason.TimedOut));
        }

        Completion = MonitorAsync(pumps);
    }

    public string RunId => _request.RunId;

    public Task<SandboxRunResult> Completion { get; }

    /// <summary>The step's <c>job.step</c> id once its prologue has printed it, else null (it never started).</summary>
    public Task<string?> StepId => _stepId.Task;

    /// <summary>Starts srun. Disposes the capture on failure.</summary>
    public static SlurmSandboxRun Start(ProcessStartInfo srun, long jobId, SlurmCommands commands, OutputCapture capture, SandboxRunRequest request, SandboxLimits limits, string? startNote, ILogger logger)
    {
        var clock = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(srun) ?? throw new InvalidOperationException("Process.Start returned no process.");
        }
        catch (Exception exception)
        {
            _ = capture.DisposeAsync().AsTask();
            throw new SandboxException($"Could not start run {request.RunId} with {srun.FileName}: {exception.Message}", exception);
        }

        return new SlurmSandboxRun(process, jobId, commands, capture, request, limits, startNote, clock, logger);
    }

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
            _ = KillStepAsync();
        }
    }

    /// <summary>Cancels the step through Slurm once its id is known; srun then ends with it. srun is killed if Slurm does not answer.</summary>
    private async Task KillStepAsync()
    {
        if (Interlocked.Exchange(ref _killing, 1) != 0)
        {
            return;
        }

        try
        {
            // The step id comes within milliseconds of the step starting; a run stopped before that waits for it, so
            // that the step is not left running on the node.
            var step = await StepId.WaitAsync(KillGrace).ConfigureAwait(false);
            if (step is null)
            {
                // No step was started (srun failed or is ending): only srun is left to stop.
                KillSrun();
                return;
            }

            await _commands.CancelAsync(step, CancellationToken.None).ConfigureAwait(false);

            using var grace = new CancellationTokenSource(KillGrace);
            await _srun.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is SandboxException or TimeoutException or OperationCanceledException)
        {
            SlurmLog.StepCancelFailed(_logger, _request.RunId, _jobId, exception);
            KillSrun();
        }
    }

    private void KillSrun()
    {
        try
        {
            _srun.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    /// <summary>Reads the prologue's step id line, then hands the rest of stdout to the capture.</summary>
    private async Task PumpStdoutAsync(Stream stdout)
    {
        var header = new List<byte>(16);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = await stdout.ReadAsync(buffer).ConfigureAwait(false);
                if (read == 0)
                {
                    _stepId.TrySetResult(null);
                    return;
                }

                var newline = Array.IndexOf(buffer, (byte)'\n', 0, read);
                if (newline < 0)
                {
                    header.AddRange(buffer.AsSpan(0, read));
                    continue;
                }

                header.AddRange(buffer.AsSpan(0, newline));
                var step = Encoding.ASCII.GetString([.. header]).Trim();
                _stepId.TrySetResult(long.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out _)
                    ? string.Create(CultureInfo.InvariantCulture, $"{_jobId}.{step}")
                    : null);
                if (newline + 1 < read)
                {
                    await _capture.WriteAsync(OutputCapture.Stdout, buffer.AsMemory(newline + 1, read - newline - 1), CancellationToken.None).ConfigureAwait(false);
                }

                break;
            }

            await _capture.PumpAsync(OutputCapture.Stdout, stdout, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _stepId.TrySetResult(null);
        }
    }

    private async Task<SandboxRunResult> MonitorAsync(Task pumps)
    {
        try
        {
            await _srun.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            var duration = _clock.Elapsed;
            var reason = _stop.Finish();
            await Task.WhenAny(pumps, Task.Delay(DrainTimeout)).ConfigureAwait(false);
            _timeout?.Dispose();
            var result = _results.Build(reason, _srun.ExitCode, duration);
            await _capture.DisposeAsync().ConfigureAwait(false);
            _srun.Dispose();
            return result;
        }
        catch (Exception exception)
        {
            SlurmLog.RunWatchFailed(_logger, _request.RunId, exception);
            await _capture.DisposeAsync().ConfigureAwait(false);
            return _results.WatchFailed(exception, _clock.Elapsed);
        }
    }
}
