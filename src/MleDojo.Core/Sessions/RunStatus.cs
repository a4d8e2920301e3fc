namespace MleDojo.Core.Sessions;

/// <summary>Wire values of a run's <c>status</c>.</summary>
public static class RunStatus
{
    /// <summary>Still going; poll with get_run.</summary>
    public const string Running = "running";

    /// <summary>Exited 0.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Exited non-zero.</summary>
    public const string Failed = "failed";

    /// <summary>Killed at the run timeout.</summary>
    public const string TimedOut = "timed_out";

    /// <summary>Killed on request.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Killed for printing too much.</summary>
    public const string OutputLimitExceeded = "output_limit_exceeded";

    /// <summary>Lost when the server stopped while it ran.</summary>
    public const string Interrupted = "interrupted";
}
