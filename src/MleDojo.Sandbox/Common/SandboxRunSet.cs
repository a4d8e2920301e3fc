using MleDojo.Core.Execution;

namespace MleDojo.Sandbox.Common;

/// <summary>
/// The runs going in one session's sandbox. Both backends keep the same bookkeeping, so it lives here once: a run id is
/// reserved before the run starts (two starts with one id cannot race), the run leaves the set when it completes, and
/// closing the set (disposing the sandbox) hands back the runs to end and refuses new ones, including one that was
/// starting while the sandbox was disposed.
/// </summary>
internal sealed class SandboxRunSet<TRun>(string sessionId)
    where TRun : class, ISandboxRun
{
    // A reserved id maps to null until its run has started.
    private readonly Dictionary<string, TRun?> _runs = new(StringComparer.Ordinal);
    private bool _closed;

    /// <summary>
    /// The lock over the set. A sandbox takes it too when its own state must change atomically with closing (the
    /// Docker sandbox swaps its container under it, so a disposal never misses a replacement container).
    /// </summary>
    public object Gate { get; } = new();

    /// <summary>Whether the sandbox has been disposed.</summary>
    public bool IsClosed
    {
        get
        {
            lock (Gate)
            {
                return _closed;
            }
        }
    }

    public void ThrowIfClosed()
    {
        lock (Gate)
        {
            if (_closed)
            {
                throw new SandboxException($"The sandbox of session {sessionId} has been disposed.");
            }
        }
    }

    /// <summary>
    /// Reserves the run id, starts the run with <paramref name="start"/> and keeps it until it completes. When the
    /// sandbox was disposed while the run started, the run is disposed (killed) and the start fails.
    /// </summary>
    public async Task<TRun> StartAsync(string runId, Func<Task<TRun>> start)
    {
        lock (Gate)
        {
            ThrowIfClosed();
            if (!_runs.TryAdd(runId, null))
            {
                throw new SandboxException($"Run {runId} is already going in session {sessionId}.");
            }
        }

        TRun run;
        try
        {
            run = await start().ConfigureAwait(false);
        }
        catch
        {
            lock (Gate)
            {
                _runs.Remove(runId);
            }

            throw;
        }

        bool closedMeanwhile;
        lock (Gate)
        {
            _runs[runId] = run;
            closedMeanwhile = _closed;
        }

        _ = run.Completion.ContinueWith(
            _ =>
            {
                lock (Gate)
                {
                    _runs.Remove(runId);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        if (closedMeanwhile)
        {
            await run.DisposeAsync().ConfigureAwait(false);
            throw new SandboxException($"The sandbox of session {sessionId} was disposed while run {runId} started.");
        }

        return run;
    }

    /// <summary>Closes the set; returns the runs that have started and not completed, or null when it was closed already.</summary>
    public List<TRun>? Close()
    {
        lock (Gate)
        {
            if (_closed)
            {
                return null;
            }

            _closed = true;
            return _runs.Values.OfType<TRun>().ToList();
        }
    }
}
