using MleDojo.Core.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>A session call refused for a reason the agent can act on. The message says what to do.</summary>
public sealed class SessionException(SessionErrorCode code, string message)
    : DojoException(DojoJson.WireName(code), message)
{
    /// <summary>Why the call was refused.</summary>
    public SessionErrorCode Reason { get; } = code;
}
