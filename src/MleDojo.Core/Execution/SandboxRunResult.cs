namespace MleDojo.Core.Execution;

/// <summary>The end of a run. Output is whatever was printed before exit or kill, never lost.</summary>
/// <param name="Outcome">How the run ended.</param>
/// <param name="ExitCode">Process exit code, or null when killed before it exited on its own.</param>
/// <param name="Stdout">Captured stdout, cut to a head and tail with the cut stated in the text.</param>
/// <param name="Stderr">Captured stderr, cut likewise.</param>
/// <param name="StdoutLogPath">Workspace-relative path of the full stdout log.</param>
/// <param name="StderrLogPath">Workspace-relative path of the full stderr log.</param>
/// <param name="Duration">Wall-clock duration.</param>
/// <param name="Note">Why the run was stopped, in words an agent can act on (null when it ended by itself).</param>
/// <param name="Interpreter">
/// How the run's interpreter started: <see cref="SandboxInterpreter.Warm"/> (forked from the session's warm template),
/// <see cref="SandboxInterpreter.Cold"/> (a fresh process), or null when the backend does not say.
/// </param>
public sealed record SandboxRunResult(
    SandboxRunOutcome Outcome,
    int? ExitCode,
    string Stdout,
    string Stderr,
    string StdoutLogPath,
    string StderrLogPath,
    TimeSpan Duration,
    string? Note,
    string? Interpreter = null);
