namespace MleDojo.Core.Execution;

/// <summary>A per-session execution environment. Disposing it kills runs still going and releases resources.</summary>
public interface ISandbox : IAsyncDisposable
{
    /// <summary>
    /// The absolute path at which agent code sees the session workspace (its working directory), for example
    /// <c>/workspace</c>. Tell agents this path; it differs from the host path when the backend remaps the workspace.
    /// </summary>
    string WorkspaceMountPath { get; }

    /// <summary>Starts a script. Returns once the process is running; the run's <see cref="ISandboxRun.Completion"/> finishes later.</summary>
    /// <remarks>The token only cancels starting; stop a started run with <see cref="ISandboxRun.KillAsync"/>.</remarks>
    /// <exception cref="SandboxException">The process could not be started.</exception>
    Task<ISandboxRun> StartAsync(SandboxRunRequest request, CancellationToken cancellationToken = default);
}
