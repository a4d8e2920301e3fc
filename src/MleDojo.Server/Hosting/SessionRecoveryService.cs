using MleDojo.Core.Sessions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MleDojo.Server.Hosting;

/// <summary>Brings back the episodes that were active when the server last stopped, before serving.</summary>
internal sealed class SessionRecoveryService(SessionManager sessions, ILogger<SessionRecoveryService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = await sessions.RecoverAsync(cancellationToken).ConfigureAwait(false);
        if (count > 0)
        {
            logger.LogInformation("Recovered {Count} session(s) that were active when the server last stopped", count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
