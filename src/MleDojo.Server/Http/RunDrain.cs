using MleDojo.Core.Sessions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MleDojo.Server.Http;

/// <summary>
/// Graceful shutdown of <c>serve --http</c>: once the server stops taking requests, runs in flight get the grace period
/// to finish and be recorded. Those still going after it are killed when the session manager is disposed, and each is
/// recorded as interrupted with the output it printed. Either way nothing recorded is lost.
/// </summary>
internal sealed partial class RunDrain(SessionManager sessions, HttpOptions options, ILogger<RunDrain> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var going = sessions.Live.RunsInFlight;
        if (going == 0)
        {
            return;
        }

        Waiting(logger, going, options.ShutdownGraceSeconds);
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(TimeSpan.FromSeconds(options.ShutdownGraceSeconds));
        if (!await sessions.Live.RunsFinishedAsync(grace.Token).ConfigureAwait(false))
        {
            GraceOver(logger, sessions.Live.RunsInFlight);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: waiting up to {GraceSeconds} s for {Runs} runs in flight to finish")]
    private static partial void Waiting(ILogger logger, int runs, int graceSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: the grace period is over; {Runs} runs still going are killed and recorded as interrupted")]
    private static partial void GraceOver(ILogger logger, int runs);
}
