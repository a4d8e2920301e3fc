using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MleDojo.Core.Sessions;

/// <summary>
/// The sessions this server holds in memory: every active one (recovery loads them all at start) and the ended ones
/// touched since. It answers what one principal has going, for quotas, and waits for runs at shutdown.
/// </summary>
public sealed class LiveSessions
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    internal ICollection<Session> All => _sessions.Values;

    /// <summary>What <paramref name="owner"/> has going now: its active sessions and their runs in flight.</summary>
    /// <param name="owner">The principal, as <see cref="SessionLabels.Owner"/> holds it; null for stdio sessions.</param>
    public OwnerLoad LoadOf(string? owner)
    {
        var active = _sessions.Values.Where(s => s.Episode.IsActive && string.Equals(s.Labels.Owner, owner, StringComparison.Ordinal)).ToList();
        return new OwnerLoad(active.Count, active.Sum(s => s.RunsGoing.Count()));
    }

    /// <summary>The number of active sessions on the whole server.</summary>
    public int ActiveSessions => _sessions.Values.Count(s => s.Episode.IsActive);

    /// <summary>The number of runs in flight on the whole server.</summary>
    public int RunsInFlight => _sessions.Values.Sum(s => s.RunsGoing.Count());

    /// <summary>Waits until every run now in flight has finished and been recorded, or <paramref name="cancellationToken"/> fires.</summary>
    /// <returns>Whether they all finished.</returns>
    public async Task<bool> RunsFinishedAsync(CancellationToken cancellationToken)
    {
        var going = _sessions.Values.SelectMany(s => s.RunsGoing).Select(h => h.Finished).ToList();
        try
        {
            await Task.WhenAll(going).WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Truncates the episodes whose wall clock ran out (the sweeper's tick), recording each.</summary>
    internal async Task TruncateDueAsync(ILogger logger)
    {
        try
        {
            foreach (var session in _sessions.Values.Where(s => s.Episode.TruncationDue() is not null))
            {
                using var lease = await session.LockAsync(CancellationToken.None).ConfigureAwait(false);
                await session.EnsureActiveAsync(action: null).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // a timer callback must never throw
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SessionLog.SweepFailed(logger, ex);
        }
    }

    internal bool TryGet(string sessionId, out Session session) => _sessions.TryGetValue(sessionId, out session!);

    internal void Add(Session session) => _sessions[session.Id] = session;
}
