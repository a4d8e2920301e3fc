using System.Globalization;
using MleDojo.Core.Data;

namespace MleDojo.Core.Grading;

/// <summary>A real leaderboard (<c>rank,score</c>), sorted best first, that places a score among human entries.</summary>
public sealed class Leaderboard
{
    private readonly double[] _bestFirst;

    /// <summary>Creates a leaderboard from scores in any order.</summary>
    public Leaderboard(IEnumerable<double> scores, bool higherIsBetter)
    {
        HigherIsBetter = higherIsBetter;
        var sorted = scores.Where(double.IsFinite).ToArray();
        Array.Sort(sorted);
        if (higherIsBetter)
        {
            Array.Reverse(sorted);
        }

        if (sorted.Length == 0)
        {
            throw new ArgumentException("a leaderboard needs at least one finite score", nameof(scores));
        }

        _bestFirst = sorted;
    }

    /// <summary>Direction of the metric.</summary>
    public bool HigherIsBetter { get; }

    /// <summary>Number of teams.</summary>
    public int Count => _bestFirst.Length;

    /// <summary>Reads <c>leaderboard.csv</c>, using its <c>score</c> column.</summary>
    public static Leaderboard Load(string path, bool higherIsBetter)
    {
        var (header, rows) = CsvText.ReadAll(path);
        var scoreIndex = Array.FindIndex(header, h => h.Equals("score", StringComparison.OrdinalIgnoreCase));
        if (scoreIndex < 0)
        {
            throw new InvalidDataException($"{path}: no 'score' column (expected rank,score)");
        }

        return new Leaderboard(
            rows.Select(r => double.TryParse(r[scoreIndex], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN),
            higherIsBetter);
    }

    /// <summary>True when <paramref name="a"/> is strictly better than <paramref name="b"/>.</summary>
    public bool IsBetter(double a, double b) => HigherIsBetter ? a > b : a < b;

    /// <summary>Entries strictly better than the score.</summary>
    public int CountBetterThan(double score) => _bestFirst.Count(s => IsBetter(s, score));

    /// <summary>MLE-Dojo's HumanRank position score: <c>1 - better / N</c>.</summary>
    public double PositionScore(double score) => 1.0 - ((double)CountBetterThan(score) / Count);

    /// <summary>The score at a 1-based position, best first.</summary>
    public double ScoreAt(int position) => _bestFirst[Math.Clamp(position, 1, Count) - 1];

    /// <summary>The median leaderboard score.</summary>
    public double Median
    {
        get
        {
            var sorted = _bestFirst.Order().ToArray();
            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    /// <summary>Medal thresholds by MLE-bench's rules for this team count.</summary>
    public MedalThresholds Thresholds() => MedalThresholds.For(this);
}
