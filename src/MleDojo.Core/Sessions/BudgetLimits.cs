using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>
/// The budgets of one episode. The server's configuration holds the ceilings; a session may ask for less,
/// never more. Every default is stated on its property.
/// </summary>
public sealed record BudgetLimits
{
    /// <summary>validate_code and execute_code calls allowed. The default is 50.</summary>
    [Range(1, 100_000)]
    [JsonPropertyName("max_steps")]
    public int MaxSteps { get; init; } = 50;

    /// <summary>Wall-clock seconds one run may take before its process tree is killed. The default is 600.</summary>
    [Range(1, 86_400)]
    [JsonPropertyName("run_timeout_s")]
    public int RunTimeoutSeconds { get; init; } = 600;

    /// <summary>Wall-clock seconds for the whole episode, from start_session. The default is 7200 (2 hours).</summary>
    [Range(1, 31 * 86_400)]
    [JsonPropertyName("episode_timeout_s")]
    public int EpisodeTimeoutSeconds { get; init; } = 7200;

    /// <summary>Runs that may be in flight at once in a session. The default is 1.</summary>
    [Range(1, 64)]
    [JsonPropertyName("max_runs_in_flight")]
    public int MaxRunsInFlight { get; init; } = 1;

    /// <summary>Memory per run, in megabytes. The default is 4096.</summary>
    [Range(64, 1_048_576)]
    [JsonPropertyName("memory_mb")]
    public int MemoryMegabytes { get; init; } = 4096;

    /// <summary>CPUs per run. The default is 2.</summary>
    [Range(0.1, 256)]
    [JsonPropertyName("cpus")]
    public double Cpus { get; init; } = 2;

    /// <summary>
    /// GPUs reserved for the session, on backends that place them (Slurm: <c>--gres=gpu:N</c>). The default is 0; as a
    /// ceiling, 0 means sessions may not ask for any.
    /// </summary>
    /// <remarks>Left out of the JSON when 0, so budgets stored before the field existed read and write the same bytes.</remarks>
    [Range(0, 64)]
    [JsonPropertyName("gpus")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Gpus { get; init; }

    /// <summary>Final submissions graded on the private split. The default is 1.</summary>
    [Range(1, 100)]
    [JsonPropertyName("max_submissions")]
    public int MaxSubmissions { get; init; } = 1;

    /// <summary>Processes and threads per run (contains fork bombs). The default is 256.</summary>
    [Range(8, 65_536)]
    [JsonPropertyName("max_processes")]
    public int MaxProcesses { get; init; } = 256;

    /// <summary>Bytes of output one run may print before it is killed. The default is 64 MB.</summary>
    [Range(1024, 10L * 1024 * 1024 * 1024)]
    [JsonPropertyName("max_output_bytes")]
    public long MaxOutputBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Validates the limits, listing every violation in one message.</summary>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ValidationException($"invalid budget: {string.Join("; ", results.Select(r => r.ErrorMessage))}");
        }
    }
}
