namespace MleDojo.Tests.Common;

/// <summary>What the host sees of container processes (the test engine runs on this machine).</summary>
internal static partial class HostProcesses
{
    /// <summary>Pids in the container's cgroup: every process and thread's leader the container holds.</summary>
    public static List<int> InContainer(string containerId) =>
        Pids().Where(pid => Read($"/proc/{pid}/cgroup") is { } cgroup && cgroup.Contains(containerId, StringComparison.Ordinal)).ToList();
}
