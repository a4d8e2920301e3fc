namespace MleDojo.Reports;

/// <summary>Comparisons against a competition's recorded baseline score, at the precision it was recorded with.</summary>
internal static class BaselinePrecision
{
    /// <summary>
    /// A score that rounds to the shipped baseline is the baseline. Calibration prints the baseline to six significant
    /// digits (G6) and competition.yaml records that figure, so the baseline solution itself scores a hair above or
    /// below it; without this, playing the baseline would win or lose against the baseline pseudo-agent by rounding alone.
    /// </summary>
    public static double Snap(double score, double? baseline)
    {
        if (baseline is not { } b || b == 0)
        {
            return score;
        }

        var halfUnit = 0.5 * Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(b))) - 5);
        return Math.Abs(score - b) <= halfUnit ? b : score;
    }
}
