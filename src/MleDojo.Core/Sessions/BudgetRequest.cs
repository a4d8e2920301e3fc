using System.Globalization;
using System.Text.Json.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>Budgets a session asks for. Each field may lower the server ceiling, never raise it.</summary>
public sealed record BudgetRequest
{
    /// <summary>Requested max steps.</summary>
    [JsonPropertyName("max_steps")]
    public int? MaxSteps { get; init; }

    /// <summary>Requested per-run timeout in seconds.</summary>
    [JsonPropertyName("run_timeout_s")]
    public int? RunTimeoutSeconds { get; init; }

    /// <summary>Requested episode wall-clock in seconds.</summary>
    [JsonPropertyName("episode_timeout_s")]
    public int? EpisodeTimeoutSeconds { get; init; }

    /// <summary>Requested memory per run in MB.</summary>
    [JsonPropertyName("memory_mb")]
    public int? MemoryMegabytes { get; init; }

    /// <summary>Requested CPUs per run.</summary>
    [JsonPropertyName("cpus")]
    public double? Cpus { get; init; }

    /// <summary>
    /// Requested GPUs. Unlike the other fields, omitting it asks for none rather than the ceiling: a GPU held idle is
    /// the dearest thing on a shared cluster.
    /// </summary>
    [JsonPropertyName("gpus")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Gpus { get; init; }

    /// <summary>Requested final submissions.</summary>
    [JsonPropertyName("max_submissions")]
    public int? MaxSubmissions { get; init; }

    /// <summary>Applies the request under the ceilings.</summary>
    /// <exception cref="SessionException">A request exceeds a ceiling or is not positive; the message names each.</exception>
    public BudgetLimits ApplyTo(BudgetLimits ceilings)
    {
        var problems = new List<string>();
        T Pick<T>(T? requested, T ceiling, string name)
            where T : struct, IComparable<T>
        {
            if (requested is not { } value)
            {
                return ceiling;
            }

            if (value.CompareTo(default) <= 0)
            {
                problems.Add($"{name} must be positive");
            }
            else if (value.CompareTo(ceiling) > 0)
            {
                problems.Add($"{name} {Convert.ToString(value, CultureInfo.InvariantCulture)} is above the server ceiling {Convert.ToString(ceiling, CultureInfo.InvariantCulture)}");
            }

            return value;
        }

        var limits = ceilings with
        {
            MaxSteps = Pick(MaxSteps, ceilings.MaxSteps, "max_steps"),
            RunTimeoutSeconds = Pick(RunTimeoutSeconds, ceilings.RunTimeoutSeconds, "run_timeout_s"),
            EpisodeTimeoutSeconds = Pick(EpisodeTimeoutSeconds, ceilings.EpisodeTimeoutSeconds, "episode_timeout_s"),
            MemoryMegabytes = Pick(MemoryMegabytes, ceilings.MemoryMegabytes, "memory_mb"),
            Cpus = Pick(Cpus, ceilings.Cpus, "cpus"),
            MaxSubmissions = Pick(MaxSubmissions, ceilings.MaxSubmissions, "max_submissions"),
            Gpus = Gpus is null or 0 ? 0 : Pick(Gpus, ceilings.Gpus, "gpus"),
        };
        if (problems.Count > 0)
        {
            throw new SessionException(SessionErrorCode.BudgetAboveCeiling,
                $"Budget request refused: {string.Join("; ", problems)}. Ask for less, or omit the field to get the ceiling.");
        }

        return limits;
    }

    /// <summary>A request for the same budget as <paramref name="limits"/> (reset starts the new episode with the old one's).</summary>
    internal static BudgetRequest Same(BudgetLimits limits) => new()
    {
        MaxSteps = limits.MaxSteps,
        RunTimeoutSeconds = limits.RunTimeoutSeconds,
        EpisodeTimeoutSeconds = limits.EpisodeTimeoutSeconds,
        MemoryMegabytes = limits.MemoryMegabytes,
        Cpus = limits.Cpus,
        MaxSubmissions = limits.MaxSubmissions,
        Gpus = limits.Gpus,
    };
}
