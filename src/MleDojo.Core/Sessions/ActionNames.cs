namespace MleDojo.Core.Sessions;

/// <summary>Action names as recorded, equal to the MCP tool names.</summary>
public static class ActionNames
{
    /// <summary>validate_code.</summary>
    public const string ValidateCode = "validate_code";

    /// <summary>execute_code.</summary>
    public const string ExecuteCode = "execute_code";

    /// <summary>submit.</summary>
    public const string Submit = "submit";

    /// <summary>request_info.</summary>
    public const string RequestInfo = "request_info";
}
