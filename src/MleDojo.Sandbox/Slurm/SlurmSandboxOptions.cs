using System.ComponentModel.DataAnnotations;

namespace MleDojo.Sandbox.Slurm;

/// <summary>
/// Settings of the Slurm sandbox backend (<c>MleDojo:Sandbox:Slurm</c>). Agent code runs under the local backend's
/// bubblewrap isolation (its settings are <c>MleDojo:Sandbox:Local</c>), as a job step of the session's allocation.
/// </summary>
public sealed class SlurmSandboxOptions : IValidatableObject
{
    /// <summary>
    /// A directory that the server and every compute node mount at the same path. Session workspaces live under it
    /// (<c>workspaces/</c>), with the generated account files (<c>etc/</c>). Answers and the database never do. Required.
    /// </summary>
    public string? SharedRoot { get; set; }

    /// <summary>Partition of the holder jobs (<c>--partition</c>). Default null: the cluster's default partition.</summary>
    public string? Partition { get; set; }

    /// <summary>Account charged for the holder jobs (<c>--account</c>). Default null: the user's default account.</summary>
    public string? Account { get; set; }

    /// <summary>Quality of service of the holder jobs (<c>--qos</c>). Default null: the default QoS.</summary>
    public string? Qos { get; set; }

    /// <summary>
    /// The <c>mledojo.instance</c> label of this server's jobs. Default null: derived from the data root, so a restarted
    /// server finds the allocations of its predecessor and no other server's.
    /// </summary>
    public string? InstanceId { get; set; }

    /// <summary>Added to the episode's wall clock for the holder job's time limit. Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan TimeLimitMargin { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long creating a session's sandbox waits for its allocation to start. Default 30 s; a session whose
    /// allocation has not started by then fails to start with the job's pending reason.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan AllocationWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the state of a pending allocation is asked of Slurm. Default 500 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long one Slurm command (sbatch, squeue, scancel) may take before it is given up. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Directory of the Slurm commands. Default null: found on the server's PATH.</summary>
    public string? CommandDirectory { get; set; }

    /// <summary>The rules across fields: an absolute shared root.</summary>
    /// <param name="validationContext">The validation context (unused).</param>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(SharedRoot) || !Path.IsPathRooted(SharedRoot))
        {
            yield return new ValidationResult(
                "SharedRoot must be an absolute directory that the server and every compute node mount (MleDojo:Sandbox:Slurm:SharedRoot).",
                [nameof(SharedRoot)]);
        }

        if (CommandDirectory is { } directory && !Path.IsPathRooted(directory))
        {
            yield return new ValidationResult($"CommandDirectory '{directory}' must be absolute.", [nameof(CommandDirectory)]);
        }
    }
}
