namespace MleDojo.Core.Execution;

/// <summary>The sandbox itself failed (could not start a process, backend unavailable), as opposed to agent code failing.</summary>
public class SandboxException(string message, Exception? inner = null) : DojoException("sandbox_failed", message, innerException: inner);
