namespace MleDojo.Core.Execution;

/// <summary>Resource ceilings for one run.</summary>
/// <param name="MemoryBytes">Address-space / cgroup memory limit for the whole run.</param>
/// <param name="Cpus">CPU share (1.0 = one core). Local backend maps it to thread-count variables and a CPU-time ceiling.</param>
/// <param name="MaxProcesses">Process/thread count ceiling (stops fork bombs).</param>
/// <param name="MaxOutputBytes">Bytes of stdout+stderr kept on disk before the run is killed.</param>
public sealed record SandboxLimits(long MemoryBytes, double Cpus, int MaxProcesses, long MaxOutputBytes);
