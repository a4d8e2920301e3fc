using System.Text.Json.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>Why a queued session waits: its sandbox's reservation in the scheduler's queue.</summary>
public sealed record QueueStatus
{
    /// <summary>The scheduler's id of the reservation (the Slurm job id).</summary>
    [JsonPropertyName("job_id")] public required string JobId { get; init; }

    /// <summary>Why it waits, in the scheduler's words (Slurm's pending reason, e.g. <c>Resources</c> or <c>Priority</c>).</summary>
    [JsonPropertyName("reason")] public required string Reason { get; init; }

    /// <summary>When the session was created; its episode clock starts once the reservation is granted.</summary>
    [JsonPropertyName("queued_since")] public required DateTimeOffset QueuedSince { get; init; }

    /// <summary>What to do meanwhile.</summary>
    [JsonPropertyName("hint")] public string Hint => "Runs are refused until the allocation starts; poll get_history or request_info (free) until state is 'active', or call again later.";

    /// <summary>The refusal of a call that needs the sandbox while the session waits: no step is used.</summary>
    internal Refusal Refusal(string sessionId) => new(SessionErrorCode.SessionQueued,
        $"Session {sessionId} is queued: its sandbox's allocation (job {JobId}) has not started yet ({Reason}), so nothing can run and no step was used. "
        + "Its episode clock starts when the allocation starts. Poll get_history or request_info (free) until state is 'active', then call again; "
        + "or end_session to give up the place in the queue.");
}
