namespace MleDojo.Sandbox.Docker;

/// <summary>The state of an exec'd process.</summary>
/// <param name="Running">Whether it is still running.</param>
/// <param name="ExitCode">Its exit code once it has ended (128 + signal when a signal killed it).</param>
internal readonly record struct DockerExecStatus(bool Running, int ExitCode);
