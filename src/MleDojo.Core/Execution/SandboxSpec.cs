namespace MleDojo.Core.Execution;

/// <summary>The session a sandbox serves and the per-run resource ceilings it enforces.</summary>
/// <param name="SessionId">Server-minted session id (used for labels and log names).</param>
/// <param name="WorkspacePath">Host path of the session workspace. Agent code sees it as its working directory.</param>
/// <param name="ReadOnlyPaths">Workspace-relative directories that agent code may read but not write (for example <c>input</c>).</param>
/// <param name="Limits">Resource limits applied to every run.</param>
public sealed record SandboxSpec(
    string SessionId,
    string WorkspacePath,
    IReadOnlyList<string> ReadOnlyPaths,
    SandboxLimits Limits)
{
    /// <summary>
    /// How long the session may last (the episode's wall clock), or null when unknown. Backends that reserve resources
    /// for the whole session (a Slurm allocation) size the reservation from it.
    /// </summary>
    public TimeSpan? SessionDuration { get; init; }

    /// <summary>GPUs the session asked for (0 for none). Only backends that can place GPUs honour it.</summary>
    public int Gpus { get; init; }
}
