using Microsoft.Extensions.Logging;

namespace MleDojo.Sandbox.Docker;

/// <summary>The Docker backend's log messages (source-generated). Every engine failure the backend survives is a warning.</summary>
internal static partial class DockerLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Docker sandbox ready: engine {EngineVersion} at {Endpoint}, image {Image}, instance {InstanceId}")]
    public static partial void Ready(ILogger logger, string engineVersion, string endpoint, string image, string instanceId);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "sandbox: removed {Count} container(s) an earlier run of this server left behind (instance {InstanceId})")]
    public static partial void RemovedLeftovers(ILogger logger, int count, string instanceId);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Could not remove container {ContainerId} of session {SessionId}; the server's shutdown or next start removes it (it carries the instance label)")]
    public static partial void ContainerRemoveFailed(ILogger logger, string containerId, string sessionId, Exception exception);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Run {RunId} of session {SessionId} did not end within {KillTimeout} of closing the session; it is no longer waited for")]
    public static partial void RunOutlivedSession(ILogger logger, string runId, string sessionId, TimeSpan killTimeout);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Could not run the killer for run {RunId} in container {ContainerId}; trying again until the kill timeout")]
    public static partial void KillerFailed(ILogger logger, string runId, string containerId, Exception exception);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Run {RunId} did not stop within {KillTimeout}: killing container {ContainerId}, which ends every run of session {SessionId}")]
    public static partial void KillingContainer(ILogger logger, string runId, TimeSpan killTimeout, string containerId, string sessionId);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "Could not sweep stray processes in container {ContainerId} of session {SessionId}; the next run may share it with them (the pids and memory limits still hold)")]
    public static partial void SweepFailed(ILogger logger, string containerId, string sessionId, Exception exception);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Warning, Message = "Could not inspect container {ContainerId} of session {SessionId}; it is taken to be running")]
    public static partial void InspectFailed(ILogger logger, string containerId, string sessionId, Exception exception);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Warning, Message = "The engine lost track of run {RunId} (its container is gone, most likely); the run ends with the output so far")]
    public static partial void ExecLost(ILogger logger, string runId, Exception exception);

    [LoggerMessage(EventId = 1209, Level = LogLevel.Debug, Message = "Run {RunId} was stopped and its container removed; the engine no longer knows its exec")]
    public static partial void ExecGoneAfterStop(ILogger logger, string runId, Exception exception);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Warning, Message = "The output connection of run {RunId} broke before the run was stopped; the output so far is kept")]
    public static partial void OutputBroke(ILogger logger, string runId, Exception exception);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Debug, Message = "The output connection of run {RunId} ended with its stopped container")]
    public static partial void OutputEndedAfterStop(ILogger logger, string runId, Exception exception);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Warning, Message = "Watching run {RunId} failed; it is reported to the agent as a failed run")]
    public static partial void RunWatchFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Warning, Message = "Could not remove the image build's root filesystem {Directory}; remove it by hand (the next build uses a new directory)")]
    public static partial void RootfsCleanupFailed(ILogger logger, string directory, Exception exception);
}
