using MleDojo.Core.Execution;

namespace MleDojo.Core.Sessions;

/// <summary>The run results the agent is given: a run still going, one that ended, one lost with the server, one read back from the record.</summary>
internal static class RunResults
{
    public const string InterruptedNote = "The server stopped while this run was going; its process was killed. Output printed before is kept in its logs; run the step again if you need its result.";

    /// <summary>A run still going: its newest output and how to pick it up.</summary>
    public static RunResult Running(Session session, RunHandle handle, DateTimeOffset now) => new()
    {
        SessionId = session.Id,
        RunId = handle.RunId,
        Step = handle.Step,
        Action = handle.Action,
        Status = RunStatus.Running,
        Stdout = string.Join('\n', handle.Run.RecentOutput(20)),
        Stderr = "",
        DurationSeconds = Math.Round((now - handle.StartedAt).TotalSeconds, 3),
        Logs = Logs(handle.RunId),
        BestPublicScore = session.Episode.BestPublicScore,
        Note = $"Still running. Call get_run with run_id '{handle.RunId}' to wait for it, or cancel_run to stop it. stdout shows the newest lines.",
        Budget = session.Episode.Budget(),
    };

    /// <summary>A run that ended, before the episode's reaction (truncation) is added.</summary>
    public static RunResult Ended(Session session, RunHandle handle, SandboxRunResult outcome, RunStatus status, SubmissionStatus submission, double? publicScore, double reward, string? note) => new()
    {
        SessionId = session.Id,
        RunId = handle.RunId,
        Step = handle.Step,
        Action = handle.Action,
        Status = status,
        Stdout = outcome.Stdout,
        Stderr = outcome.Stderr,
        ExitCode = outcome.ExitCode,
        DurationSeconds = Math.Round(outcome.Duration.TotalSeconds, 3),
        Logs = [outcome.StdoutLogPath, outcome.StderrLogPath],
        Submission = submission,
        PublicScore = publicScore,
        BestPublicScore = session.Episode.BestPublicScore,
        Reward = reward,
        Interpreter = outcome.Interpreter,
        Note = note,
        Budget = session.Episode.Budget(),
    };

    /// <summary>A run found still recorded as running after a restart: a whole result, so get_run answers as on any other, with what it printed.</summary>
    public static RunResult Interrupted(Session session, string runId, int step, ActionName action)
    {
        var logs = Logs(runId);
        return new RunResult
        {
            SessionId = session.Id,
            RunId = runId,
            Step = step,
            Action = action,
            Status = RunStatus.Interrupted,
            Stdout = session.Files.LogTail(logs[0]),
            Stderr = session.Files.LogTail(logs[1]),
            DurationSeconds = 0,
            Logs = logs,
            BestPublicScore = session.Episode.BestPublicScore,
            Note = InterruptedNote,
            Budget = session.Episode.Budget(),
        };
    }

    public static RunStatus StatusOf(SandboxRunOutcome outcome) => outcome switch
    {
        SandboxRunOutcome.Succeeded => RunStatus.Succeeded,
        SandboxRunOutcome.Failed => RunStatus.Failed,
        SandboxRunOutcome.TimedOut => RunStatus.TimedOut,
        SandboxRunOutcome.Cancelled => RunStatus.Cancelled,
        SandboxRunOutcome.OutputLimitExceeded => RunStatus.OutputLimitExceeded,
        _ => RunStatus.Failed,
    };

    public static string? Join(string? a, string b) => string.IsNullOrEmpty(a) ? b : $"{a} {b}";

    private static string[] Logs(string runId) => [$"{Workspace.RunsDirectory}/{runId}.stdout.log", $"{Workspace.RunsDirectory}/{runId}.stderr.log"];
}
