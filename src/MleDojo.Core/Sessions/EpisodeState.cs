using System.Text.Json.Serialization;
using MleDojo.Core.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>
/// Where an episode stands; on the wire and in the store the snake_case name (<c>active</c>). Only <see cref="Active"/>
/// accepts steps. A <see cref="Queued"/> episode has not begun: it becomes active when its sandbox is granted.
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<EpisodeState>))]
public enum EpisodeState
{
    /// <summary>Accepting steps.</summary>
    Active,

    /// <summary>The task ended: the final submissions were graded (Gymnasium's terminated).</summary>
    Terminated,

    /// <summary>A budget ran out; the best valid submission was graded (Gymnasium's truncated).</summary>
    Truncated,

    /// <summary>Ended by end_session or reset.</summary>
    Closed,

    /// <summary>
    /// Waiting for its sandbox (a Slurm allocation pending in a busy cluster): its clock has not started, and it takes
    /// no steps until it becomes <see cref="Active"/>. Last in the list so the earlier values keep their numbers.
    /// </summary>
    Queued,
}
