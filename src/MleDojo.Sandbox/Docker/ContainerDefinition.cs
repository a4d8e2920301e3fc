namespace MleDojo.Sandbox.Docker;

/// <summary>A validated description of a session container, built by <see cref="ContainerBuilder"/>; the engine adapter maps it to the API.</summary>
internal sealed record ContainerDefinition(
    string Name,
    string Image,
    string User,
    IReadOnlyList<string> Command,
    IReadOnlyList<string> Environment,
    IReadOnlyDictionary<string, string> Labels,
    string WorkingDirectory,
    string Hostname,
    IReadOnlyList<BindMount> Mounts,
    IReadOnlyDictionary<string, string> Tmpfs,
    long MemoryBytes,
    long NanoCpus,
    long PidsLimit,
    long ShmSizeBytes)
{
    /// <summary>No network interface but loopback.</summary>
    public string NetworkMode => "none";

    /// <summary>The image's files cannot be changed; only the workspace and the tmpfs mounts are writable.</summary>
    public bool ReadOnlyRootFilesystem => true;

    /// <summary>Every capability dropped: agent code is an ordinary user even inside its namespace.</summary>
    public IReadOnlyList<string> CapDrop => ["ALL"];

    /// <summary>
    /// Capabilities given back after dropping all: CAP_SETUID and CAP_SETGID when the container hosts a warm template
    /// (its per-run child drops to the agent's uid with them), else none.
    /// </summary>
    public IReadOnlyList<string> CapAdd { get; init; } = [];

    /// <summary>Set-uid binaries cannot raise privileges.</summary>
    public IReadOnlyList<string> SecurityOptions => ["no-new-privileges"];
}
