namespace MleDojo.Core.Execution;

/// <summary>A per-session execution environment. Disposing it kills runs still going and releases resources.</summary>
public interface ISandbox : IAsyncDisposable
{
    /// <summary>Starts a script. Returns once the process is running; the run's <see cref="ISandboxRun.Completion"/> finishes later.</summary>
    /// <exception cref="SandboxException">The process could not be started.</exception>
    Task<ISandboxRun> StartAsync(SandboxRunRequest request, CancellationToken cancellationToken = default);
}
