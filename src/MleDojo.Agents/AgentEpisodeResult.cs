using System.Text.Json.Serialization;

namespace MleDojo.Agents;

/// <summary>How an agent's episode ended: its score card.</summary>
public sealed record AgentEpisodeResult
{
    /// <summary>The session the agent played.</summary>
    [JsonPropertyName("session_id")] public required string SessionId { get; init; }

    /// <summary>The competition.</summary>
    [JsonPropertyName("competition_id")] public required string CompetitionId { get; init; }

    /// <summary>The agent label the session carries.</summary>
    [JsonPropertyName("agent")] public required string Agent { get; init; }

    /// <summary>The episode's state at the end: terminated, truncated or closed.</summary>
    [JsonPropertyName("state")] public string? State { get; init; }

    /// <summary>Why the agent stopped: <c>episode_ended</c>, a budget of the agent, <c>idle</c> (the model stopped calling tools), <c>queued</c> (the session's allocation did not start within <see cref="AgentOptions.MaxQueueWaitSeconds"/>), <c>cancelled</c> or <c>error</c>.</summary>
    [JsonPropertyName("stopped_because")] public required string StoppedBecause { get; init; }

    /// <summary>The private score of the graded submission, if any.</summary>
    [JsonPropertyName("private_score")] public double? PrivateScore { get; init; }

    /// <summary>That submission's public score.</summary>
    [JsonPropertyName("public_score")] public double? PublicScore { get; init; }

    /// <summary>The normalised score (0 = the shipped baseline, 1 = the reference), where the competition has one.</summary>
    [JsonPropertyName("normalized_score")] public double? NormalizedScore { get; init; }

    /// <summary>The medal, where the competition has a leaderboard.</summary>
    [JsonPropertyName("medal")] public string? Medal { get; init; }

    /// <summary>The best public score seen during the episode.</summary>
    [JsonPropertyName("best_public_score")] public double? BestPublicScore { get; init; }

    /// <summary>Budget steps used (validate_code and execute_code).</summary>
    [JsonPropertyName("steps")] public int Steps { get; init; }

    /// <summary>Model calls made.</summary>
    [JsonPropertyName("turns")] public int Turns { get; init; }

    /// <summary>Input tokens the provider reported, summed.</summary>
    [JsonPropertyName("tokens_in")] public long TokensIn { get; init; }

    /// <summary>Output tokens the provider reported, summed.</summary>
    [JsonPropertyName("tokens_out")] public long TokensOut { get; init; }

    /// <summary>The cost, when a price was configured.</summary>
    [JsonPropertyName("cost")] public decimal? Cost { get; init; }

    /// <summary>What went wrong, when the agent stopped on an error.</summary>
    [JsonPropertyName("error")] public string? Error { get; init; }

    /// <summary>The whole conversation.</summary>
    [JsonIgnore] public AgentTranscript Transcript { get; init; } = new();
}
