using Microsoft.Extensions.Logging;

namespace MleDojo.Server.Hosting;

/// <summary>Log messages of the host's start-up (source-generated).</summary>
internal static partial class HostingLog
{
    // The message is the problem itself: a CLI verb shows it on stderr as "warning: <problem>", as it always has.
    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "{Problem}")]
    public static partial void CompetitionProblem(ILogger logger, string problem);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "{Error}")]
    public static partial void Reported(ILogger logger, string error);
}
