using Microsoft.Extensions.Logging;

namespace MleDojo.Sandbox.Warm;

/// <summary>The warm interpreter's log messages (source-generated). Every failure the sandbox survives is a warning.</summary>
internal static partial class WarmLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Warm interpreter of session {SessionId} ready in {Seconds} s: {AnonymousMib} MiB anonymous memory")]
    public static partial void Ready(ILogger logger, string sessionId, double seconds, long anonymousMib);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "The warm interpreter could not preload {Failure}; runs import it themselves")]
    public static partial void PreloadFailed(ILogger logger, string failure);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "The warm interpreter's control channel failed")]
    public static partial void ControlFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Warm interpreter: {Line}")]
    public static partial void TemplateSaid(ILogger logger, string line);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "The warm interpreter of session {SessionId} could not start; its runs go cold")]
    public static partial void StartFailed(ILogger logger, string sessionId, Exception exception);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Information, Message = "Session {SessionId} runs cold: all {Cap} warm interpreters are taken")]
    public static partial void CapReached(ILogger logger, string sessionId, int cap);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Error, Message = "Watching relayed warm run {RunId} failed")]
    public static partial void RelayedRunFailed(ILogger logger, string runId, Exception exception);
}
