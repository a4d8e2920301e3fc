namespace MleDojo.Sandbox.Common;

/// <summary>
/// Why a run was stopped, decided once for both backends: the first reason wins, and no reason is recorded once the
/// run has ended by itself, so a kill that comes too late does not turn an exit into a kill.
/// </summary>
internal sealed class RunStopState
{
    private readonly object _gate = new();
    private RunStopReason _reason;
    private bool _finished;

    /// <summary>
    /// Records <paramref name="reason"/> unless the run was stopped already or has ended; returns whether it did.
    /// <paramref name="whileRecording"/> runs under the same lock, so <see cref="Finish"/> sees what it did.
    /// </summary>
    public bool TryStop(RunStopReason reason, Action? whileRecording = null)
    {
        lock (_gate)
        {
            if (_finished || _reason != RunStopReason.None)
            {
                return false;
            }

            _reason = reason;
            whileRecording?.Invoke();
            return true;
        }
    }

    /// <summary>Whether the run has been stopped (killed, or marked for a kill by its sandbox).</summary>
    public bool IsStopped
    {
        get
        {
            lock (_gate)
            {
                return _reason != RunStopReason.None;
            }
        }
    }

    /// <summary>Marks the run ended (later stops are ignored) and returns why it was stopped, or None.</summary>
    public RunStopReason Finish()
    {
        lock (_gate)
        {
            _finished = true;
            return _reason;
        }
    }
}
