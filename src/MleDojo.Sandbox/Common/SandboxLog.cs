using Microsoft.Extensions.Logging;

namespace MleDojo.Sandbox.Common;

/// <summary>Log messages of the parts both backends share (source-generated).</summary>
internal static partial class SandboxLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "Could not write the {Stream} log of run {RunId} at offset {Offset}; the head and tail kept in memory still reach the result")]
    public static partial void LogWriteFailed(ILogger logger, string stream, string runId, long offset, Exception exception);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "The {Stream} of run {RunId} ended with an error (the process was killed or closed it)")]
    public static partial void StreamEnded(ILogger logger, string stream, string runId, Exception exception);
}
