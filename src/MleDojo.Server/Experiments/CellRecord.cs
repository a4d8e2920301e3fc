using System.Text.Json.Serialization;

namespace MleDojo.Server.Experiments;

/// <summary>A finished cell as recorded under <c>$MLEDOJO_HOME/experiments/&lt;id&gt;/&lt;cell&gt;.json</c>.</summary>
internal sealed record CellRecord
{
    [JsonPropertyName("cell")] public required string Cell { get; init; }

    [JsonPropertyName("experiment")] public required string Experiment { get; init; }

    [JsonPropertyName("agent")] public required string Agent { get; init; }

    [JsonPropertyName("model")] public required string Model { get; init; }

    [JsonPropertyName("competition_id")] public required string CompetitionId { get; init; }

    [JsonPropertyName("seed")] public required long Seed { get; init; }

    /// <summary>Null when the session could not be started.</summary>
    [JsonPropertyName("session_id")] public string? SessionId { get; init; }

    [JsonPropertyName("state")] public string? State { get; init; }

    [JsonPropertyName("private_score")] public double? PrivateScore { get; init; }

    [JsonPropertyName("public_score")] public double? PublicScore { get; init; }

    [JsonPropertyName("normalized_score")] public double? NormalizedScore { get; init; }

    [JsonPropertyName("best_public_score")] public double? BestPublicScore { get; init; }

    [JsonPropertyName("steps")] public int Steps { get; init; }

    [JsonPropertyName("turns")] public int Turns { get; init; }

    [JsonPropertyName("tokens_in")] public long TokensIn { get; init; }

    [JsonPropertyName("tokens_out")] public long TokensOut { get; init; }

    [JsonPropertyName("cost")] public decimal? Cost { get; init; }

    [JsonPropertyName("stopped_because")] public string? StoppedBecause { get; init; }

    [JsonPropertyName("error")] public string? Error { get; init; }

    [JsonPropertyName("started_at")] public DateTimeOffset StartedAt { get; init; }

    [JsonPropertyName("finished_at")] public DateTimeOffset FinishedAt { get; init; }
}
