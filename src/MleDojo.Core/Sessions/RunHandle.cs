using MleDojo.Core.Execution;

namespace MleDojo.Core.Sessions;

/// <summary>A run the session started: the sandbox process and the task that scores and records it when it ends.</summary>
internal sealed class RunHandle(string runId, int step, int seq, ActionName action, DateTimeOffset startedAt, ISandboxRun run)
{
    public string RunId { get; } = runId;

    public int Step { get; } = step;

    public int Seq { get; } = seq;

    public ActionName Action { get; } = action;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public ISandboxRun Run { get; } = run;

    /// <summary>The run's timeout was cut to the episode deadline: its timing out ends the episode.</summary>
    public bool EndsAtDeadline { get; init; }

    /// <summary>Completes with the final result once the run is scored and recorded.</summary>
    public Task<RunResult> Finished { get; set; } = Task.FromResult<RunResult>(null!);

    public bool IsFinished => Finished.IsCompleted;
}
