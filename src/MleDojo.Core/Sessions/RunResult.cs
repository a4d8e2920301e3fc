using System.Text.Json.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>Result of validate_code, execute_code, get_run and cancel_run.</summary>
public sealed record RunResult
{
    /// <summary>Session id.</summary>
    [JsonPropertyName("session_id")] public required string SessionId { get; init; }

    /// <summary>Run id, for get_run and cancel_run.</summary>
    [JsonPropertyName("run_id")] public required string RunId { get; init; }

    /// <summary>The budget step this run used (1-based).</summary>
    [JsonPropertyName("step")] public required int Step { get; init; }

    /// <summary>validate_code or execute_code.</summary>
    [JsonPropertyName("action")] public required ActionName Action { get; init; }

    /// <summary>See <see cref="RunStatus"/>.</summary>
    [JsonPropertyName("status")] public required RunStatus Status { get; init; }

    /// <summary>Captured stdout, cut to head and tail.</summary>
    [JsonPropertyName("stdout")] public required string Stdout { get; init; }

    /// <summary>Captured stderr, cut to head and tail.</summary>
    [JsonPropertyName("stderr")] public required string Stderr { get; init; }

    /// <summary>Exit code; null while running or when killed.</summary>
    [JsonPropertyName("exit_code")] public int? ExitCode { get; init; }

    /// <summary>Seconds the run took (so far, while running).</summary>
    [JsonPropertyName("duration_s")] public required double DurationSeconds { get; init; }

    /// <summary>Workspace-relative paths of the full logs.</summary>
    [JsonPropertyName("logs")] public required IReadOnlyList<string> Logs { get; init; }

    /// <summary>The submission check; null while running.</summary>
    [JsonPropertyName("submission")] public SubmissionStatus? Submission { get; init; }

    /// <summary>Score on the public test rows (execute_code only, valid submissions only).</summary>
    [JsonPropertyName("public_score")] public double? PublicScore { get; init; }

    /// <summary>Best public score of the episode so far.</summary>
    [JsonPropertyName("best_public_score")] public double? BestPublicScore { get; init; }

    /// <summary>Reward of this step: the public position score where a leaderboard exists, else the normalised public score, else 0.</summary>
    [JsonPropertyName("reward")] public double Reward { get; init; }

    /// <summary>The episode ended because the task finished (final submissions graded).</summary>
    [JsonPropertyName("terminated")] public bool Terminated { get; init; }

    /// <summary>The episode ended because a budget ran out.</summary>
    [JsonPropertyName("truncated")] public bool Truncated { get; init; }

    /// <summary>How the run's interpreter started: warm (forked from the session's warm template) or cold; null while running.</summary>
    /// <remarks>Left out when null, so results stored before it existed read back and write again byte for byte.</remarks>
    [JsonPropertyName("interpreter")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Interpreter { get; init; }

    /// <summary>Why the run stopped, or what the agent should know.</summary>
    [JsonPropertyName("note")] public string? Note { get; init; }

    /// <summary>Remaining budget.</summary>
    [JsonPropertyName("budget")] public required BudgetStatus Budget { get; init; }

    /// <summary>The final grading, when this step ended the episode.</summary>
    [JsonPropertyName("final")] public SubmitResult? Final { get; init; }
}
