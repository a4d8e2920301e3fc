namespace MleDojo.Core.Execution;

/// <summary>A per-session execution environment. Disposing it kills runs still going and releases resources.</summary>
public interface ISandbox : IAsyncDisposable
{
    /// <summary>
    /// The absolute path at which agent code sees the session workspace (its working directory), for example
    /// <c>/workspace</c>. Tell agents this path; it differs from the host path when the backend remaps the workspace.
    /// </summary>
    string WorkspaceMountPath { get; }

    /// <summary>
    /// The group that owns agent files, when agent code runs under another uid than the server's: files the server
    /// writes for the agent (write_file) are given to it, group-writable, so agent code can change them. Null when agent
    /// code runs as the server and shares its files already.
    /// </summary>
    int? AgentGroupId { get; }

    /// <summary>Starts a script. Returns once the process is running; the run's <see cref="ISandboxRun.Completion"/> finishes later.</summary>
    /// <remarks>The token only cancels starting; stop a started run with <see cref="ISandboxRun.KillAsync"/>.</remarks>
    /// <exception cref="SandboxException">The process could not be started.</exception>
    /// <exception cref="Platform.WorkspacePathException">A path of the request may not be used (outside the workspace, through a link).</exception>
    Task<ISandboxRun> StartAsync(SandboxRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits up to <paramref name="wait"/> for the sandbox to be able to start runs, and says whether it can. A backend
    /// whose resources come from a scheduler's queue (Slurm) answers queued, with the job and the reason, while they
    /// have not been granted; the others are ready at once. A zero wait only looks.
    /// </summary>
    /// <param name="wait">How long to wait at most; null for the backend's own default.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="SandboxException">The backend could not tell (its scheduler does not answer).</exception>
    ValueTask<SandboxReadiness> WaitReadyAsync(TimeSpan? wait, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SandboxReadiness.Ready);
}
