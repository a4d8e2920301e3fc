using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MleDojo.Sandbox.Local;
using MleDojo.Sandbox.Warm;

namespace MleDojo.Sandbox.Slurm;

/// <summary>
/// The warm template of one Slurm session: a long-lived job step in the session's allocation (<c>srun --overlap</c>),
/// whose stdin and stdout, relayed by srun, are its control channel, so the server needs no connection to the node
/// besides Slurm's own. Started in the background once the allocation runs, started again in a replacement allocation
/// or when it died. A run never waits for it: until it is ready, runs go cold.
/// </summary>
internal sealed class SlurmWarmInterpreter : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);

    // Closing its stdin ends the template and its spare; killing the srun client would only cut it off from the step.
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(5);

    private readonly string _sessionId;
    private readonly Func<long, ProcessStartInfo> _command;
    private readonly WarmTemplateSlots _slots;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private Task<WarmTemplate?> _template = Task.FromResult<WarmTemplate?>(null);
    private long _jobId;
    private bool _released;

    private SlurmWarmInterpreter(string sessionId, string directory, Func<long, ProcessStartInfo> command, WarmTemplateSlots slots, ILogger logger)
    {
        _sessionId = sessionId;
        Directory = directory;
        _command = command;
        _slots = slots;
        _logger = logger;
    }

    /// <summary>The template's scripts, on the shared root (the nodes read them from there; they hold no secret).</summary>
    public string Directory { get; }

    /// <summary>Whether a template is ready and alive (for tests and the benchmark).</summary>
    public bool IsReady => _template is { IsCompletedSuccessfully: true, Result.IsAlive: true };

    /// <summary>
    /// Takes a slot and writes the template's scripts into <paramref name="directory"/>; null when the cap is reached
    /// (the session runs cold). <paramref name="command"/> gives the template's step in a given allocation.
    /// </summary>
    public static async Task<SlurmWarmInterpreter?> CreateAsync(string sessionId, string directory, Func<long, ProcessStartInfo> command, WarmTemplateSlots slots, ILogger logger, CancellationToken cancellationToken)
    {
        if (!slots.TryTake())
        {
            WarmLog.CapReached(logger, sessionId, slots.Capacity);
            return null;
        }

        try
        {
            System.IO.Directory.CreateDirectory(directory);
            await WarmTemplateScript.WriteAsync(directory, cancellationToken).ConfigureAwait(false);
            return new SlurmWarmInterpreter(sessionId, directory, command, slots, logger);
        }
        catch
        {
            slots.Return();
            throw;
        }
    }

    /// <summary>Starts a template in allocation <paramref name="jobId"/> in the background, unless one is there or on its way.</summary>
    public void Start(long jobId)
    {
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested || (_jobId == jobId && (!_template.IsCompleted || IsReady)))
            {
                return;
            }

            _jobId = jobId;
            _template = StartAsync(jobId, _template);
        }
    }

    /// <summary>
    /// The template to fork the next run from, without waiting: null while it is still importing or starting in a new
    /// allocation (the run goes cold), with a note for the run when it had stopped or could not start.
    /// </summary>
    public (WarmTemplate? Template, string? Note) TryAcquire(long jobId)
    {
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
            {
                return (null, null);
            }

            if (_jobId != jobId)
            {
                // A replaced allocation, and the template with it: the replacement's note says so already.
                _jobId = jobId;
                _template = StartAsync(jobId, _template);
                return (null, null);
            }

            if (!_template.IsCompleted)
            {
                return (null, null);
            }

            if (_template.Result is not { } template)
            {
                return (null, "This run went cold: the session's warm interpreter could not start (see the server log).");
            }

            if (template.IsAlive)
            {
                return (template, null);
            }

            _template = StartAsync(jobId, _template);
            return (null, "The session's warm interpreter had stopped; this run went cold while a new one starts.");
        }
    }

    /// <summary>
    /// As <see cref="TryAcquire"/>, but a run waits up to <paramref name="wait"/> for a template that is still starting
    /// (<see cref="LocalSandboxOptions.WarmStartWait"/>: calibration checks the warm path from the first run).
    /// </summary>
    public Task<(WarmTemplate? Template, string? Note)> AcquireAsync(long jobId, TimeSpan wait, CancellationToken cancellationToken) =>
        WarmStartWait.AcquireAsync(() => TryAcquire(jobId), Starting, wait, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Task<WarmTemplate?> last;
        lock (_gate)
        {
            _disposed.Cancel();
            last = _template;
        }

        if (await last.ConfigureAwait(false) is { } template)
        {
            await template.DisposeAsync().ConfigureAwait(false);
        }

        if (!_released)
        {
            _released = true;
            _slots.Return();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Leftover scripts on the shared root are harmless.
        }

        _disposed.Dispose();
    }

    private Task Starting()
    {
        lock (_gate)
        {
            return _template;
        }
    }

    private async Task<WarmTemplate?> StartAsync(long jobId, Task<WarmTemplate?> previous)
    {
        // Off the caller (a run's start): srun and the imports happen in the background.
        await Task.Yield();
        if (await previous.ConfigureAwait(false) is { } old)
        {
            await old.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            var template = await WarmTemplate.StartAsync(_command(jobId), ReadyTimeout, _logger, _disposed.Token, ExitGrace).ConfigureAwait(false);
            WarmLog.Ready(_logger, _sessionId, template.ImportSeconds, template.AnonymousBytes >> 20);
            return template;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            if (!_disposed.IsCancellationRequested)
            {
                WarmLog.StartFailed(_logger, _sessionId, exception);
            }

            return null;
        }
    }
}
