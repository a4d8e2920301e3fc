using System.ComponentModel.DataAnnotations;

namespace MleDojo.Server.Http;

/// <summary>What one principal may hold at once (<c>MleDojo:Http:Quotas</c>); an admin is held to them too.</summary>
public sealed class QuotaOptions
{
    /// <summary>Active sessions per principal. The default is 16.</summary>
    [Range(1, 100_000)]
    public int MaxSessions { get; set; } = 16;

    /// <summary>Runs in flight per principal, over all its sessions. The default is 8.</summary>
    [Range(1, 100_000)]
    public int MaxRunsInFlight { get; set; } = 8;
}
