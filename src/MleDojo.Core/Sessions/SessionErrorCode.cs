using System.Text.Json.Serialization;
using MleDojo.Core.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>Why a session call was refused. On the wire and in the record: the snake_case name (<c>episode_over</c>).</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<SessionErrorCode>))]
public enum SessionErrorCode
{
    /// <summary>No session has this id.</summary>
    UnknownSession,

    /// <summary>No competition has this id.</summary>
    UnknownCompetition,

    /// <summary>The episode has ended (submitted, truncated or closed).</summary>
    EpisodeOver,

    /// <summary>A budget is spent.</summary>
    BudgetExhausted,

    /// <summary>Too many runs are in flight.</summary>
    TooManyRuns,

    /// <summary>The requested budget is above a ceiling.</summary>
    BudgetAboveCeiling,

    /// <summary>An argument is invalid (empty code, bad info type, bad step).</summary>
    InvalidArgument,

    /// <summary>No run has this id.</summary>
    UnknownRun,

    /// <summary>A path escapes the workspace or does not exist.</summary>
    InvalidPath,

    /// <summary>Nothing can be submitted.</summary>
    NothingToSubmit,

    /// <summary>The sandbox cannot run code with the isolation the operator requires.</summary>
    SandboxUnavailable,

    /// <summary>The caller already has as many sessions, or runs in flight, as the operator allows one principal.</summary>
    QuotaExceeded,

    /// <summary>The session waits for its sandbox (its Slurm allocation is pending): nothing can run yet.</summary>
    SessionQueued,
}
