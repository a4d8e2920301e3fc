namespace MleDojo.Core.Grading;

/// <summary>
/// Scores needed for each medal, following Kaggle's progression rules as MLE-bench applies them: the
/// positions depend on the number of teams N (bands: under 100, 100-249, 250-999, 1000 and over).
/// </summary>
/// <param name="Gold">Score at the gold position.</param>
/// <param name="Silver">Score at the silver position.</param>
/// <param name="Bronze">Score at the bronze position.</param>
/// <param name="Median">Median leaderboard score.</param>
/// <param name="GoldPosition">1-based gold cut-off position.</param>
/// <param name="SilverPosition">1-based silver cut-off position.</param>
/// <param name="BronzePosition">1-based bronze cut-off position.</param>
public sealed record MedalThresholds(double Gold, double Silver, double Bronze, double Median, int GoldPosition, int SilverPosition, int BronzePosition)
{
    /// <summary>The cut-off positions for N teams.</summary>
    public static (int Gold, int Silver, int Bronze) Positions(int teams)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(teams);
        return teams switch
        {
            < 100 => (Math.Max(1, (int)(0.1 * teams)), Math.Max(1, (int)(0.2 * teams)), Math.Max(1, (int)(0.4 * teams))),
            < 250 => (10, Math.Max(1, (int)(0.2 * teams)), Math.Max(1, (int)(0.4 * teams))),
            < 1000 => (10 + (int)(0.002 * teams), 50, 100),
            _ => (10 + (int)(0.002 * teams), Math.Max(1, (int)(0.05 * teams)), Math.Max(1, (int)(0.1 * teams))),
        };
    }

    internal static MedalThresholds For(Leaderboard leaderboard)
    {
        var (gold, silver, bronze) = Positions(leaderboard.Count);
        return new MedalThresholds(leaderboard.ScoreAt(gold), leaderboard.ScoreAt(silver), leaderboard.ScoreAt(bronze), leaderboard.Median, gold, silver, bronze);
    }

    /// <summary>The medal a score earns: at or better than a threshold earns it.</summary>
    public Medal MedalFor(double score, bool higherIsBetter)
    {
        bool AtLeast(double threshold) => higherIsBetter ? score >= threshold : score <= threshold;
        return AtLeast(Gold) ? Medal.Gold : AtLeast(Silver) ? Medal.Silver : AtLeast(Bronze) ? Medal.Bronze : Medal.None;
    }
}
