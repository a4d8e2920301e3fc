using System.Collections.Concurrent;
using MleDojo.Core.Sessions;
using MleDojo.Server.Auth;
using MleDojo.Server.Http;
using ModelContextProtocol.Protocol;

namespace MleDojo.Server.Tenancy;

/// <summary>
/// What one principal may hold at once over HTTP: active sessions, and runs in flight over all its sessions. A call
/// over a quota is refused with <c>quota_exceeded</c> and what to do, and is not recorded as a step. Starts of one
/// principal are admitted one at a time, so two racing calls cannot both take the last place.
/// </summary>
internal sealed class OwnerQuotas(QuotaOptions options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="call"/> if <paramref name="caller"/>'s quotas admit tool <paramref name="tool"/>; refuses it otherwise.</summary>
    /// <exception cref="SessionException">The caller is at a quota (<see cref="SessionErrorCode.QuotaExceeded"/>).</exception>
    public async Task<CallToolResult> AdmitAsync(string? tool, Caller caller, LiveSessions live, Func<CancellationToken, Task<CallToolResult>> call, CancellationToken cancellationToken)
    {
        switch (tool)
        {
            case "start_session":
                // Held until the session exists, so that it counts before the next start of this principal is checked.
                var gate = _gates.GetOrAdd(caller.Owner ?? "", _ => new SemaphoreSlim(1, 1));
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (live.LoadOf(caller.Owner).ActiveSessions is var active && active >= options.MaxSessions)
                    {
                        throw new SessionException(SessionErrorCode.QuotaExceeded,
                            $"{caller.DisplayName} has {active} active sessions, the most one principal may hold (MleDojo:Http:Quotas:MaxSessions = {options.MaxSessions}). End one with end_session (or submit its last final submission), then start again.");
                    }

                    return await call(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }

            case "execute_code" or "validate_code":
                // Checked at admission: the run registers within the call, so two calls racing in the same instant can
                // take one run over the quota; the per-episode limit on runs in flight still holds exactly.
                if (live.LoadOf(caller.Owner).RunsInFlight is var runs && runs >= options.MaxRunsInFlight)
                {
                    throw new SessionException(SessionErrorCode.QuotaExceeded,
                        $"{caller.DisplayName} has {runs} runs in flight, the most one principal may have (MleDojo:Http:Quotas:MaxRunsInFlight = {options.MaxRunsInFlight}). Wait for one with get_run, or stop one with cancel_run, then try again; no step was used.");
                }

                return await call(cancellationToken).ConfigureAwait(false);

            default:
                return await call(cancellationToken).ConfigureAwait(false);
        }
    }
}
