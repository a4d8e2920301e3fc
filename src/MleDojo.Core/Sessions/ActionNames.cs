namespace MleDojo.Core.Sessions;

/// <summary>Action names as recorded: the MCP tool names, plus what the server itself does to an episode.</summary>
public static class ActionNames
{
    /// <summary>start_session (and the new episode of reset).</summary>
    public const string StartSession = "start_session";

    /// <summary>request_info.</summary>
    public const string RequestInfo = "request_info";

    /// <summary>validate_code.</summary>
    public const string ValidateCode = "validate_code";

    /// <summary>execute_code.</summary>
    public const string ExecuteCode = "execute_code";

    /// <summary>write_file.</summary>
    public const string WriteFile = "write_file";

    /// <summary>submit.</summary>
    public const string Submit = "submit";

    /// <summary>end_session (and the old episode of reset).</summary>
    public const string EndSession = "end_session";

    /// <summary>The server truncated the episode: a budget ran out.</summary>
    public const string Truncate = "truncate";

    /// <summary>The server brought the episode back after a restart.</summary>
    public const string Resume = "resume";
}
