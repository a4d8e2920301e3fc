namespace MleDojo.Core.Execution;

/// <summary>How a run ended.</summary>
public enum SandboxRunOutcome
{
    /// <summary>Exited with code 0.</summary>
    Succeeded,

    /// <summary>Exited with a non-zero code (agent error, including an out-of-memory kill).</summary>
    Failed,

    /// <summary>Killed because the wall-clock limit passed.</summary>
    TimedOut,

    /// <summary>Killed on request (cancel_run, MCP cancellation, session end).</summary>
    Cancelled,

    /// <summary>Killed because it printed more than the output limit.</summary>
    OutputLimitExceeded,
}
