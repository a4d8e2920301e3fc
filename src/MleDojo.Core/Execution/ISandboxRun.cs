namespace MleDojo.Core.Execution;

/// <summary>A run in flight.</summary>
public interface ISandboxRun : IAsyncDisposable
{
    /// <summary>The run id from the request.</summary>
    string RunId { get; }

    /// <summary>Finishes when the process tree has exited or been killed. Never faults for agent errors.</summary>
    Task<SandboxRunResult> Completion { get; }

    /// <summary>The newest output lines (stdout and stderr interleaved), for progress notifications.</summary>
    IReadOnlyList<string> RecentOutput(int maxLines);

    /// <summary>Kills the whole process tree. Idempotent. Completion then reports <see cref="SandboxRunOutcome.Cancelled"/>.</summary>
    Task KillAsync(CancellationToken cancellationToken = default);
}
