namespace MleDojo.Sandbox.Docker;

/// <summary>What the engine says about itself.</summary>
/// <param name="Version">Engine version, for example <c>20.10.24</c>.</param>
/// <param name="ApiVersion">API version it speaks.</param>
/// <param name="OperatingSystem">Its operating system, for example <c>Debian GNU/Linux 12 (bookworm)</c>.</param>
/// <param name="Cpus">CPUs available to containers.</param>
/// <param name="CgroupVersion">The cgroup version containers are limited with (<c>1</c> or <c>2</c>), when the engine reports it.</param>
internal sealed record DockerEngineInfo(string Version, string ApiVersion, string OperatingSystem, int Cpus, string? CgroupVersion);
