namespace MleDojo.Sandbox.Local;

/// <summary>Where one session's sandbox lives on the host and how agent code sees it.</summary>
/// <param name="HostWorkspace">Absolute host path of the workspace.</param>
/// <param name="MountPath">Absolute path of the workspace as agent code sees it.</param>
/// <param name="ReadOnlyPaths">Workspace-relative directories bound read-only.</param>
/// <param name="Identity">The uid agent code runs as, or null to keep the server's.</param>
/// <param name="EtcDirectory">Host directory with the generated passwd, group, hosts and nsswitch.conf (bubblewrap only).</param>
internal sealed record LocalSandboxLayout(
    string HostWorkspace,
    string MountPath,
    IReadOnlyList<string> ReadOnlyPaths,
    SandboxIdentity? Identity,
    string? EtcDirectory);
