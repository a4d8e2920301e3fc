namespace MleDojo.Core.Sessions;

/// <summary>A session call refused for a reason the agent can act on. The message says what to do.</summary>
public sealed class SessionException(SessionErrorCode code, string message) : Exception(message)
{
    /// <summary>Machine-readable reason.</summary>
    public SessionErrorCode Code { get; } = code;
}
