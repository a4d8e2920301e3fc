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

    /// <summary>What <paramref name="owner"/> has going now: its active and queued sessions and their runs in flight.</summary>
    /// <param name="owner">The principal, as <see cref="SessionLabels.Owner"/> holds it; null for stdio sessions.</param>
    public OwnerLoad LoadOf(string? owner)
    {
        var active = _sessions.Values.Where(s => !s.Episode.HasEnded && string.Equals(s.Labels.Owner, owner, StringComparison.Ordinal)).ToList();
        return new OwnerLoad(active.Count, active.Sum(s => s.RunsGoing.Count()));
    }

    /// <summary>The number of active sessions on the whole server (queued ones count too: they hold a place in a queue).</summary>
    public int ActiveSessions => _sessions.Values.Count(s => !s.Episode.HasEnded);

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

    /// <summary>
    /// The sweeper's tick: truncates the episodes whose wall clock ran out, recording each, and starts the clock of
    /// queued episodes whose sandbox was granted since, so it starts near the allocation's start even while nobody polls.
    /// A queued episode is never truncated: its clock has not started.
    /// </summary>
    internal async Task TruncateDueAsync(ILogger logger)
    {
        try
        {
            foreach (var session in _sessions.Values.Where(s => s.Episode.TruncationDue() is not null))
            {
                using var lease = await session.LockAsync(CancellationToken.None).ConfigureAwait(false);
                await session.EnsureActiveAsync(action: null).ConfigureAwait(false);
            }

            foreach (var session in _sessions.Values.Where(s => s.Episode.IsQueued))
            {
                using var lease = await session.LockAsync(CancellationToken.None).ConfigureAwait(false);
                await session.CheckQueueAsync(TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
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
