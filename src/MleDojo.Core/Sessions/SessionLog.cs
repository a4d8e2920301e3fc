using Microsoft.Extensions.Logging;

namespace MleDojo.Core.Sessions;

/// <summary>The session engine's log messages.</summary>
internal static partial class SessionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "start_session refused: {Reason}")]
    public static partial void StartRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} started on {Competition} with sandbox {Sandbox}")]
    public static partial void Started(ILogger logger, string sessionId, string competition, string sandbox);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} queued on {Competition}: job {JobId} waits ({Reason})")]
    public static partial void Queued(ILogger logger, string sessionId, string competition, string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} is active: its sandbox started after {Waited} in the queue; its clock starts now")]
    public static partial void ClockStarted(ILogger logger, string sessionId, TimeSpan waited);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} {State}: {Reason}")]
    public static partial void Ended(ILogger logger, string sessionId, EpisodeState state, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: {Action} refused ({Code}): {Reason}")]
    public static partial void Refused(ILogger logger, string sessionId, string action, SessionErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: {Directory}/ was not a plain directory and was recreated")]
    public static partial void DirectoryRecreated(ILogger logger, string sessionId, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox for session {SessionId} (re)created")]
    public static partial void SandboxRecreated(ILogger logger, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId} could not be recovered: {Reason}")]
    public static partial void RecoveryFailed(ILogger logger, string sessionId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} recovered ({State}, {Steps} steps used)")]
    public static partial void Recovered(ILogger logger, string sessionId, EpisodeState state, int steps);

    [LoggerMessage(Level = LogLevel.Error, Message = "Budget sweep failed")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Finishing {RunId} of session {SessionId} failed")]
    public static partial void FinishFailed(ILogger logger, Exception exception, string runId, string sessionId);
}
