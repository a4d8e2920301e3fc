using Microsoft.Extensions.Logging;

namespace MleDojo.Sandbox.Local;

/// <summary>The local backend's log messages (source-generated). Every failure the backend survives is a warning.</summary>
internal static partial class LocalSandboxLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Local sandbox ready with {Interpreter}: {Isolation}")]
    public static partial void Ready(ILogger logger, string interpreter, string isolation);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Isolation probe: {Mode} does not work on this machine: {Failure}")]
    public static partial void ProbeModeFailed(ILogger logger, string mode, string failure);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Could not remove the probe directory {Directory}; it stays in the temp folder")]
    public static partial void ProbeCleanupFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Could not remove the generated /etc directory {Directory} of session {SessionId}; it stays in the temp folder")]
    public static partial void EtcCleanupFailed(ILogger logger, string directory, string sessionId, Exception exception);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Could not list /etc/python3*: sandboxed Python runs without Debian's sitecustomize")]
    public static partial void PythonEtcUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Watching run {RunId} failed; it is reported to the agent as a failed run")]
    public static partial void RunWatchFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "The warm interpreter could not start run {RunId}; it runs cold")]
    public static partial void WarmRunFailed(ILogger logger, string runId, Exception exception);
}
