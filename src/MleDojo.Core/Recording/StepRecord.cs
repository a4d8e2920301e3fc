using MleDojo.Core.Sessions;

namespace MleDojo.Core.Recording;

/// <summary>One recorded call of a session: everything needed to replay it or turn it into training data.</summary>
public sealed record StepRecord
{
    /// <summary>Session id.</summary>
    public required string SessionId { get; init; }

    /// <summary>Call sequence number (1-based, every call).</summary>
    public required int Seq { get; init; }

    /// <summary>Budget step for validate and execute.</summary>
    public int? Step { get; init; }

    /// <summary>Action name (tool name).</summary>
    public required ActionName Action { get; init; }

    /// <summary>When it was recorded.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Outcome: a run status, ok, or refused.</summary>
    public required StepStatus Status { get; init; }

    /// <summary>Run id for runs.</summary>
    public string? RunId { get; init; }

    /// <summary>Code of validate/execute.</summary>
    public string? Code { get; init; }

    /// <summary>The call's arguments as JSON (code excluded).</summary>
    public string? ArgumentsJson { get; init; }

    /// <summary>The structured result returned to the agent, as JSON.</summary>
    public string? ResultJson { get; init; }

    /// <summary>Public score, for scored executions.</summary>
    public double? PublicScore { get; init; }

    /// <summary>Private score, for submissions.</summary>
    public double? PrivateScore { get; init; }

    /// <summary>Reward.</summary>
    public double? Reward { get; init; }

    /// <summary>Run duration.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Server-side path of the submission snapshot this step produced, when valid.</summary>
    public string? SubmissionSnapshot { get; init; }
}
