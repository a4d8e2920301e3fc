namespace MleDojo.Sandbox.Docker;

/// <summary>What <see cref="SandboxImageBuilder.BuildAsync"/> did.</summary>
/// <param name="Image">The image tag.</param>
/// <param name="Built">False when the image already existed and nothing was done.</param>
/// <param name="Mirror">The Debian mirror used, or null when nothing was built.</param>
/// <param name="Bootstrap">Time spent by debootstrap.</param>
/// <param name="Import">Time spent importing the root filesystem into the engine.</param>
public sealed record SandboxImageBuildResult(string Image, bool Built, string? Mirror, TimeSpan Bootstrap, TimeSpan Import);
