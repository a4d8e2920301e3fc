using System.Text.Json.Serialization;
using MleDojo.Core.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>
/// A recorded step's <c>action</c>: the MCP tool names, plus what the server itself does to an episode. On the wire and
/// in the store the snake_case name (<c>execute_code</c>).
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ActionName>))]
public enum ActionName
{
    /// <summary>start_session (and the new episode of reset).</summary>
    StartSession,

    /// <summary>request_info.</summary>
    RequestInfo,

    /// <summary>validate_code.</summary>
    ValidateCode,

    /// <summary>execute_code.</summary>
    ExecuteCode,

    /// <summary>write_file.</summary>
    WriteFile,

    /// <summary>submit.</summary>
    Submit,

    /// <summary>end_session (and the old episode of reset).</summary>
    EndSession,

    /// <summary>The server truncated the episode: a budget ran out.</summary>
    Truncate,

    /// <summary>The server brought the episode back after a restart.</summary>
    Resume,
}
