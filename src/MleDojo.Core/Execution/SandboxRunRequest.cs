namespace MleDojo.Core.Execution;

/// <summary>One run of a script inside the sandbox.</summary>
/// <param name="RunId">Unique within the session; names the log files.</param>
/// <param name="ScriptPath">Workspace-relative path of the Python file to run.</param>
/// <param name="Timeout">Wall-clock limit; the process tree is killed when it passes.</param>
/// <param name="LogDirectory">Workspace-relative directory where the full stdout/stderr logs are written.</param>
public sealed record SandboxRunRequest(string RunId, string ScriptPath, TimeSpan Timeout, string LogDirectory);
