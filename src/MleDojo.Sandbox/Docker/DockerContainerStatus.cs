namespace MleDojo.Sandbox.Docker;

/// <summary>The state of a container.</summary>
/// <param name="Running">Whether its init is running.</param>
/// <param name="ExitCode">The init's exit code once it has stopped.</param>
/// <param name="OutOfMemory">Whether the kernel's out-of-memory killer hit the container.</param>
/// <param name="Error">The engine's error text, if any.</param>
internal sealed record DockerContainerStatus(bool Running, long ExitCode, bool OutOfMemory, string? Error);
