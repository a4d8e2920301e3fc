namespace MleDojo.Sandbox.Docker;

/// <summary>A process to start in a container.</summary>
/// <param name="Command">Program and arguments, executed directly (no shell).</param>
/// <param name="User">The <c>uid:gid</c> it runs as.</param>
/// <param name="WorkingDirectory">Its working directory inside the container.</param>
/// <param name="Stdin">Whether its stdin is attached, for <see cref="IDockerExec.WriteAsync"/>.</param>
internal sealed record DockerExecDefinition(IReadOnlyList<string> Command, string User, string WorkingDirectory, bool Stdin = false);
