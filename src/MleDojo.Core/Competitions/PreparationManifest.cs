using System.Text.Json.Serialization;

namespace MleDojo.Core.Competitions;

/// <summary>What preparation produced. Stored as <c>manifest.json</c> beside the prepared files.</summary>
public sealed record PreparationManifest
{
    /// <summary>Competition id.</summary>
    [JsonPropertyName("competition_id")]
    public required string CompetitionId { get; init; }

    /// <summary>Version of the preparation algorithm; bumping it invalidates every cache.</summary>
    [JsonPropertyName("preparer_version")]
    public required int PreparerVersion { get; init; }

    /// <summary>SHA-256 over the spec file, the raw data and the preparer version: the cache key.</summary>
    [JsonPropertyName("input_sha256")]
    public required string InputSha256 { get; init; }

    /// <summary>Rows in train.csv.</summary>
    [JsonPropertyName("train_rows")]
    public required int TrainRows { get; init; }

    /// <summary>Rows in test.csv.</summary>
    [JsonPropertyName("test_rows")]
    public required int TestRows { get; init; }

    /// <summary>Test rows on the public leaderboard.</summary>
    [JsonPropertyName("public_rows")]
    public required int PublicRows { get; init; }

    /// <summary>Test rows on the private leaderboard.</summary>
    [JsonPropertyName("private_rows")]
    public required int PrivateRows { get; init; }

    /// <summary>Rows dropped because the target was missing.</summary>
    [JsonPropertyName("dropped_rows")]
    public required int DroppedRows { get; init; }

    /// <summary>The class set (from the spec, or derived from the data for label kinds).</summary>
    [JsonPropertyName("classes")]
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>Relative path to SHA-256 of every prepared file.</summary>
    [JsonPropertyName("files")]
    public required IReadOnlyDictionary<string, string> Files { get; init; }
}
