namespace MleDojo.Sandbox.Slurm;

/// <summary>One job as <c>squeue --json</c> reports it: the fields the backend reads.</summary>
/// <param name="JobId">The job id.</param>
/// <param name="Name">The job name.</param>
/// <param name="Comment">The job comment, where the backend keeps its labels.</param>
/// <param name="State">The job state, for example <c>PENDING</c> or <c>RUNNING</c>.</param>
/// <param name="Reason">Why it is pending (or why it ended), <c>None</c> when there is no reason.</param>
/// <param name="UserId">The uid that owns the job.</param>
/// <param name="Nodes">The nodes allocated to it, empty while pending.</param>
internal sealed record SlurmJob(long JobId, string Name, string Comment, string State, string Reason, long UserId, string Nodes)
{
    /// <summary>Whether the allocation exists and its steps can start.</summary>
    public bool IsRunning => State == "RUNNING";

    /// <summary>Whether the job waits for resources (or a hold) and may still start.</summary>
    public bool IsPending => State is "PENDING" or "CONFIGURING" or "REQUEUED" or "RESIZING";

    /// <summary>Whether the job can still run, now or later.</summary>
    public bool IsLive => IsRunning || IsPending || State == "SUSPENDED";
}
