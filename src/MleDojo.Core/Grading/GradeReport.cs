using System.Text.Json.Serialization;

namespace MleDojo.Core.Grading;

/// <summary>The full grading of one submission, in MLE-bench's report shape plus MLE-Dojo's position score.</summary>
public sealed record GradeReport
{
    /// <summary>Competition id.</summary>
    [JsonPropertyName("competition_id")]
    public required string CompetitionId { get; init; }

    /// <summary>Metric name.</summary>
    [JsonPropertyName("metric")]
    public required string Metric { get; init; }

    /// <summary>True when lower scores are better.</summary>
    [JsonPropertyName("is_lower_better")]
    public required bool IsLowerBetter { get; init; }

    /// <summary>A submission file exists.</summary>
    [JsonPropertyName("submission_exists")]
    public required bool SubmissionExists { get; init; }

    /// <summary>The submission passed validation.</summary>
    [JsonPropertyName("valid_submission")]
    public required bool ValidSubmission { get; init; }

    /// <summary>Validation errors (empty when valid).</summary>
    [JsonPropertyName("errors")]
    public required IReadOnlyList<SubmissionError> Errors { get; init; }

    /// <summary>Score on the public test rows; null when invalid.</summary>
    [JsonPropertyName("public_score")]
    public double? PublicScore { get; init; }

    /// <summary>Score on the private test rows; null when invalid.</summary>
    [JsonPropertyName("private_score")]
    public double? PrivateScore { get; init; }

    /// <summary>1 - (entries strictly better) / N, on the private score, where a leaderboard exists.</summary>
    [JsonPropertyName("position_score")]
    public double? PositionScore { get; init; }

    /// <summary>Teams on the leaderboard.</summary>
    [JsonPropertyName("leaderboard_entries")]
    public int? LeaderboardEntries { get; init; }

    /// <summary>gold, silver, bronze or none; null without a leaderboard.</summary>
    [JsonPropertyName("medal")]
    public string? Medal { get; init; }

    /// <summary>Medal thresholds, where a leaderboard exists.</summary>
    [JsonPropertyName("gold_threshold")]
    public double? GoldThreshold { get; init; }

    /// <summary>Silver threshold.</summary>
    [JsonPropertyName("silver_threshold")]
    public double? SilverThreshold { get; init; }

    /// <summary>Bronze threshold.</summary>
    [JsonPropertyName("bronze_threshold")]
    public double? BronzeThreshold { get; init; }

    /// <summary>Median leaderboard score.</summary>
    [JsonPropertyName("median_threshold")]
    public double? MedianThreshold { get; init; }

    /// <summary>Strictly better than the leaderboard median.</summary>
    [JsonPropertyName("above_median")]
    public bool? AboveMedian { get; init; }

    /// <summary>(score - baseline) / (reference - baseline) on the private score: 0 is the trivial baseline, 1 the reference solution.</summary>
    [JsonPropertyName("normalized_score")]
    public double? NormalizedScore { get; init; }

    /// <summary>The baseline score used for normalisation.</summary>
    [JsonPropertyName("baseline_score")]
    public double? BaselineScore { get; init; }

    /// <summary>The reference score used for normalisation.</summary>
    [JsonPropertyName("reference_score")]
    public double? ReferenceScore { get; init; }

    /// <summary>Why scoring failed despite a valid file (for example a single class in a tiny split).</summary>
    [JsonPropertyName("grading_error")]
    public string? GradingError { get; init; }

    /// <summary>When the report was made.</summary>
    [JsonPropertyName("created_at")]
    public required DateTimeOffset CreatedAt { get; init; }
}
