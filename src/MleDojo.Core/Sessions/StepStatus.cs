using System.Text.Json.Serialization;
using MleDojo.Core.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>
/// A recorded step's <c>status</c>: its run's <see cref="RunStatus"/> for validate_code and execute_code, else
/// <see cref="Ok"/> or <see cref="Refused"/>. On the wire and in the store the snake_case name.
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<StepStatus>))]
public enum StepStatus
{
    /// <summary>The run is still going (or was, when the server stopped).</summary>
    Running,

    /// <summary>The run exited 0.</summary>
    Succeeded,

    /// <summary>The run exited non-zero.</summary>
    Failed,

    /// <summary>The run was killed at its timeout.</summary>
    TimedOut,

    /// <summary>The run was killed on request.</summary>
    Cancelled,

    /// <summary>The run was killed for printing too much.</summary>
    OutputLimitExceeded,

    /// <summary>The run was lost when the server stopped.</summary>
    Interrupted,

    /// <summary>The call did what it was asked.</summary>
    Ok,

    /// <summary>The episode's rules refused the call.</summary>
    Refused,
}

/// <summary>Conversions to <see cref="StepStatus"/>.</summary>
public static class StepStatuses
{
    /// <summary>The step status of a run's record.</summary>
    public static StepStatus Of(RunStatus status) => status switch
    {
        RunStatus.Running => StepStatus.Running,
        RunStatus.Succeeded => StepStatus.Succeeded,
        RunStatus.Failed => StepStatus.Failed,
        RunStatus.TimedOut => StepStatus.TimedOut,
        RunStatus.Cancelled => StepStatus.Cancelled,
        RunStatus.OutputLimitExceeded => StepStatus.OutputLimitExceeded,
        RunStatus.Interrupted => StepStatus.Interrupted,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a run status"),
    };
}
