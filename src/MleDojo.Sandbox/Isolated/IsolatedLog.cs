using Microsoft.Extensions.Logging;

namespace MleDojo.Sandbox.Isolated;

/// <summary>Log messages of the isolated runner for imported competitions' own Python (source-generated).</summary>
internal static partial class IsolatedLog
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Warning, Message = "The grader process of {CompetitionId} could not start; the submission is reported as not graded")]
    public static partial void GraderNotStarted(ILogger logger, string competitionId, Exception exception);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Could not remove the grading directory {Directory}; it stays in the data root's scratch space")]
    public static partial void GradingCleanupFailed(ILogger logger, string directory, Exception exception);
}
