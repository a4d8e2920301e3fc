using MleDojo.Core.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>A session call refused for a reason the agent can act on. The message says what to do.</summary>
public sealed class SessionException(SessionErrorCode code, string message)
    : DojoException(DojoJson.WireName(code), message)
{
    /// <summary>Why the call was refused.</summary>
    public SessionErrorCode Reason { get; } = code;

    /// <summary>
    /// The answer for an id that names no session. A session another principal owns gets this very answer, so ids
    /// cannot be probed for existence.
    /// </summary>
    public static SessionException NoSuchSession(string sessionId) =>
        new(SessionErrorCode.UnknownSession, $"No session '{sessionId}'. Start one with start_session.");
}
