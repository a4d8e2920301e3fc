using System.ComponentModel.DataAnnotations;

namespace MleDojo.Agents;

/// <summary>How an <see cref="EpisodeAgent"/> plays one episode. Every property has a working default.</summary>
public sealed class AgentOptions
{
    /// <summary>The competition to play. Required.</summary>
    [Required]
    public string CompetitionId { get; set; } = "";

    /// <summary>The <c>agent</c> label the session is started with (reports group by it). The default is the model's name.</summary>
    public string? AgentName { get; set; }

    /// <summary>The <c>experiment</c> label. The default is none.</summary>
    public string? Experiment { get; set; }

    /// <summary>The <c>seed</c> label. The default is none.</summary>
    [Range(0, long.MaxValue)]
    public long? Seed { get; set; }

    /// <summary>Model calls the agent may make in the episode. The default is 60.</summary>
    [Range(1, 10_000)]
    public int MaxTurns { get; set; } = 60;

    /// <summary>Tokens (in and out, summed over every call) the agent may spend; null for no limit. The default is none.</summary>
    [Range(1, long.MaxValue)]
    public long? MaxTokens { get; set; }

    /// <summary>The most tokens one request to the model may carry, estimated at 4 characters a token. The default is 100,000.</summary>
    [Range(1_000, 10_000_000)]
    public int MaxContextTokens { get; set; } = 100_000;

    /// <summary>Tool calls kept whole at the end of the conversation; older results are folded to one line each. The default is 6.</summary>
    [Range(0, 1_000)]
    public int KeepLastTurns { get; set; } = 6;

    /// <summary>The longest string a tool result may carry to the model; longer ones keep their head and tail. The default is 6,000 characters.</summary>
    [Range(200, 1_000_000)]
    public int MaxToolOutputChars { get; set; } = 6_000;

    /// <summary>
    /// How long the agent waits for a session that starts <c>queued</c> (a busy Slurm cluster) to get its allocation,
    /// without calling the model; past it the session is ended and the agent stops with <c>queued</c>. The default is an hour.
    /// </summary>
    [Range(0, 7 * 24 * 3600)]
    public double MaxQueueWaitSeconds { get; set; } = 3600;

    /// <summary>How often a queued session is polled (get_history). The default is 5 s.</summary>
    [Range(0.1, 300)]
    public double QueuePollSeconds { get; set; } = 5;

    /// <summary>Temperature to send; null sends none (some models reject it). The default is none.</summary>
    [Range(0, 2)]
    public float? Temperature { get; set; }

    /// <summary>What one million tokens cost, to report an episode's cost; null when unknown. The default is none.</summary>
    public ModelPrice? Price { get; set; }

    /// <summary>Seconds each execute_code or validate_code call waits before answering <c>running</c>. The default is 45.</summary>
    [Range(0, 3600)]
    public double WaitSeconds { get; set; } = 45;

    /// <summary>Replies in a row without a tool call after which the agent stops (the model thinks it is done). The default is 3.</summary>
    [Range(1, 100)]
    public int MaxIdleReplies { get; set; } = 3;

    /// <summary>Steps the session may take, below the server's ceiling; null for the server's budget. The default is none.</summary>
    [Range(1, 100_000)]
    public int? MaxSteps { get; set; }

    /// <summary>Seconds one run may take, below the server's ceiling; null for the server's budget. The default is none.</summary>
    [Range(1, 1_000_000)]
    public int? RunTimeoutSeconds { get; set; }

    /// <summary>The episode's wall clock in seconds, below the server's ceiling; null for the server's budget. The default is none.</summary>
    [Range(1, 10_000_000)]
    public int? EpisodeTimeoutSeconds { get; set; }
}
