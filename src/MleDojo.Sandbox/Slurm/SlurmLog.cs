using Microsoft.Extensions.Logging;

namespace MleDojo.Sandbox.Slurm;

/// <summary>The Slurm backend's log messages (source-generated). Every cluster failure the backend survives is a warning.</summary>
internal static partial class SlurmLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Slurm sandbox ready: shared root {SharedRoot}, instance {InstanceId}, {Adopted} live allocation(s) of this instance found")]
    public static partial void Ready(ILogger logger, string sharedRoot, string instanceId, int adopted);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "sandbox: cancelled {Count} Slurm allocation(s) of this instance that belong to no live session")]
    public static partial void CancelledOrphans(ILogger logger, int count);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Could not cancel step of run {RunId} in job {JobId} through Slurm; killing its srun")]
    public static partial void StepCancelFailed(ILogger logger, string runId, long jobId, Exception exception);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Error, Message = "Watching run {RunId} failed")]
    public static partial void RunWatchFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "Could not cancel Slurm job {JobId} of session {SessionId}; the server's next start cancels it (it carries the instance label)")]
    public static partial void JobCancelFailed(ILogger logger, long jobId, string sessionId, Exception exception);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Information, Message = "Session {SessionId} re-attached to its live Slurm allocation, job {JobId} ({State})")]
    public static partial void Reattached(ILogger logger, string sessionId, long jobId, string state);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Warning, Message = "Slurm allocation {JobId} of session {SessionId} ended ({State}, {Reason}); the next run gets a new one")]
    public static partial void AllocationEnded(ILogger logger, long jobId, string sessionId, string state, string reason);

    [LoggerMessage(EventId = 1307, Level = LogLevel.Warning, Message = "Slurm job {JobId} of queued session {SessionId} ended before it started ({State}, {Reason}); job {Fresh} queues in its place")]
    public static partial void PendingJobEnded(ILogger logger, long jobId, string sessionId, string state, string reason, long fresh);

    [LoggerMessage(EventId = 1308, Level = LogLevel.Warning, Message = "Run {RunId} could not start on the session's warm interpreter; it runs as a step of its own")]
    public static partial void WarmRunFailed(ILogger logger, string runId, Exception exception);
}
