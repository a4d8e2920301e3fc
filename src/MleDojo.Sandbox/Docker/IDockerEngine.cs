namespace MleDojo.Sandbox.Docker;

/// <summary>
/// The few engine operations the backend needs. Docker.DotNet stays behind this interface: its types never leave
/// <see cref="DockerEngine"/>, so the rest of the backend is written (and could be tested) against this contract alone.
/// </summary>
internal interface IDockerEngine : IAsyncDisposable
{
    /// <summary>The endpoint, for messages.</summary>
    string Endpoint { get; }

    /// <summary>The engine's version and size; fails when the engine cannot be reached.</summary>
    Task<DockerEngineInfo> GetInfoAsync(CancellationToken cancellationToken);

    Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken);

    /// <summary>Creates the container (not started) and returns its id.</summary>
    Task<string> CreateContainerAsync(ContainerDefinition definition, CancellationToken cancellationToken);

    Task StartContainerAsync(string id, CancellationToken cancellationToken);

    /// <summary>The container's state, or null when it no longer exists.</summary>
    Task<DockerContainerStatus?> InspectContainerAsync(string id, CancellationToken cancellationToken);

    /// <summary>Ids of all containers, running or not, whose label <paramref name="label"/> equals <paramref name="value"/>.</summary>
    Task<IReadOnlyList<string>> ListContainersAsync(string label, string value, CancellationToken cancellationToken);

    /// <summary>Kills and removes the container; a container that is already gone is not an error.</summary>
    Task RemoveContainerAsync(string id, CancellationToken cancellationToken);

    /// <summary>Kills every process of the container (its pid namespace goes with its init) without removing it.</summary>
    Task KillContainerAsync(string id, CancellationToken cancellationToken);

    /// <summary>Sets the container's memory limit (and its memory+swap limit, to the same value) while it runs.</summary>
    Task UpdateMemoryAsync(string id, long memoryBytes, CancellationToken cancellationToken);

    /// <summary>Starts a process in the running container with its stdout and stderr attached.</summary>
    Task<IDockerExec> StartExecAsync(string containerId, DockerExecDefinition definition, CancellationToken cancellationToken);

    /// <summary>Imports a root filesystem tar as an image (<c>docker import</c>), applying Dockerfile-style changes.</summary>
    Task ImportImageAsync(Stream rootFilesystemTar, string image, IReadOnlyList<string> changes, IProgress<string>? progress, CancellationToken cancellationToken);
}
