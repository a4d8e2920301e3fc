using System.Text.Json.Serialization;
using MleDojo.Core.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>A run's <c>status</c>; on the wire the snake_case name (<c>timed_out</c>).</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<RunStatus>))]
public enum RunStatus
{
    /// <summary>Still going; poll with get_run.</summary>
    Running,

    /// <summary>Exited 0.</summary>
    Succeeded,

    /// <summary>Exited non-zero.</summary>
    Failed,

    /// <summary>Killed at the run timeout.</summary>
    TimedOut,

    /// <summary>Killed on request.</summary>
    Cancelled,

    /// <summary>Killed for printing too much.</summary>
    OutputLimitExceeded,

    /// <summary>Lost when the server stopped while it ran.</summary>
    Interrupted,
}
