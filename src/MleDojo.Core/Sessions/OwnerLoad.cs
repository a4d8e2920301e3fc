namespace MleDojo.Core.Sessions;

/// <summary>What one principal has going on the server, against which its quotas are checked.</summary>
/// <param name="ActiveSessions">Its sessions whose episode is active.</param>
/// <param name="RunsInFlight">Runs in flight in those sessions.</param>
public sealed record OwnerLoad(int ActiveSessions, int RunsInFlight);
