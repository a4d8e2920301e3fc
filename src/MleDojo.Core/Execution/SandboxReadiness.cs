namespace MleDojo.Core.Execution;

/// <summary>
/// Whether a sandbox can start runs now. A backend that reserves resources for the session on a shared system (a Slurm
/// allocation) may wait in that system's queue first; every other backend is ready as soon as it is created.
/// </summary>
/// <param name="IsReady">True when runs can start.</param>
/// <param name="JobId">While queued: the id the backend's scheduler gives the reservation (a Slurm job id).</param>
/// <param name="Reason">While queued: why it waits, in the scheduler's words (Slurm's pending reason, e.g. <c>Resources</c>).</param>
public sealed record SandboxReadiness(bool IsReady, string? JobId = null, string? Reason = null)
{
    /// <summary>Runs can start.</summary>
    public static SandboxReadiness Ready { get; } = new(true);

    /// <summary>The reservation waits in the scheduler's queue.</summary>
    /// <param name="jobId">The scheduler's id of the reservation.</param>
    /// <param name="reason">Why it waits.</param>
    public static SandboxReadiness Queued(string jobId, string reason) => new(false, jobId, reason);
}
