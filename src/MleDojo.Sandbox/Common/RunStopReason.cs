namespace MleDojo.Sandbox.Common;

/// <summary>Why the sandbox stopped a run before it exited by itself.</summary>
internal enum RunStopReason
{
    None,
    TimedOut,
    OutputLimit,
    Cancelled,
    MemoryLimit,
}
