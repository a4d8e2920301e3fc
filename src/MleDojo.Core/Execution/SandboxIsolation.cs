namespace MleDojo.Core.Execution;

/// <summary>What a backend isolates. Recorded with every session so a report says how trustworthy its runs were.</summary>
/// <param name="Filesystem">Agent code cannot read outside its workspace and the interpreter's files (answers, other sessions).</param>
/// <param name="Network">Agent code has no network, loopback included.</param>
/// <param name="Description">Human-readable summary, for example <c>bubblewrap: mount+net+pid namespaces</c>.</param>
public sealed record SandboxIsolation(bool Filesystem, bool Network, string Description)
{
    /// <summary>True when both filesystem and network are isolated.</summary>
    public bool IsFull => Filesystem && Network;
}
