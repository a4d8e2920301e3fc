using System.Text.Json.Serialization;
using MleDojo.Core.Competitions;
using MleDojo.Core.Grading;

namespace MleDojo.Reports;

/// <summary>What a report needs to know about a competition: its metric's direction, its anchors and its leaderboard.</summary>
public sealed class CompetitionFacts
{
    private readonly Leaderboard? _leaderboard;

    /// <summary>Reads the facts from a competition's spec, loading its leaderboard when it has one.</summary>
    public CompetitionFacts(CompetitionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        _leaderboard = spec.LeaderboardPath is { } path && File.Exists(path) ? Leaderboard.Load(path, spec.Metric.HigherIsBetter) : null;
    }

    /// <summary>The competition's spec.</summary>
    [JsonIgnore] public CompetitionSpec Spec { get; }

    /// <summary>Competition id.</summary>
    public string Id => Spec.Id;

    /// <summary>Human title.</summary>
    public string Title => Spec.Title;

    /// <summary>Metric name.</summary>
    public string Metric => Spec.Metric.Name;

    /// <summary>Direction of the metric.</summary>
    public bool HigherIsBetter => Spec.Metric.HigherIsBetter;

    /// <summary>The shipped trivial baseline's private score (normalised 0).</summary>
    public double? Baseline => Spec.Scores?.Baseline;

    /// <summary>The shipped reference solution's private score (normalised 1).</summary>
    public double? Reference => Spec.Scores?.Reference;

    /// <summary>Teams on the competition's leaderboard; null without one (no position score, medals or median).</summary>
    public int? LeaderboardEntries => _leaderboard?.Count;

    /// <summary>True when <paramref name="a"/> is strictly better than <paramref name="b"/> by the metric's direction.</summary>
    public bool IsBetter(double a, double b) => HigherIsBetter ? a > b : a < b;

    /// <summary>Where a private score stands, exactly as the grader places a graded submission.</summary>
    public Placement Place(double score) => Placement.Of(Spec, _leaderboard, score);
}
