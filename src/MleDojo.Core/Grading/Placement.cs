using MleDojo.Core.Competitions;

namespace MleDojo.Core.Grading;

/// <summary>
/// Where a private score stands: between the competition's shipped baseline (0) and reference (1), and among the human
/// teams of its leaderboard where one exists. The grader places every graded submission with it, and a report places
/// scores it did not grade (an episode without a submission counts as the baseline) the same way.
/// </summary>
/// <param name="NormalizedScore">(score - baseline) / (reference - baseline); null without shipped scores.</param>
/// <param name="PositionScore">1 - (teams strictly better) / N; null without a leaderboard.</param>
/// <param name="LeaderboardEntries">N, the teams on the leaderboard.</param>
/// <param name="Medal">The medal by MLE-bench's thresholds; null without a leaderboard.</param>
/// <param name="Thresholds">The medal and median thresholds; null without a leaderboard.</param>
/// <param name="AboveMedian">Strictly better than the leaderboard's median.</param>
public sealed record Placement(double? NormalizedScore, double? PositionScore, int? LeaderboardEntries, Medal? Medal, MedalThresholds? Thresholds, bool? AboveMedian)
{
    /// <summary>Places a private score of a competition, given its leaderboard (null when it has none).</summary>
    public static Placement Of(CompetitionSpec spec, Leaderboard? leaderboard, double score)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double? normalized = spec.Scores is { } anchors ? (score - anchors.Baseline) / (anchors.Reference - anchors.Baseline) : null;
        if (leaderboard is null)
        {
            return new Placement(normalized, null, null, null, null, null);
        }

        var thresholds = leaderboard.Thresholds();
        return new Placement(
            normalized,
            leaderboard.PositionScore(score),
            leaderboard.Count,
            thresholds.MedalFor(score, spec.Metric.HigherIsBetter),
            thresholds,
            leaderboard.IsBetter(score, thresholds.Median));
    }
}
