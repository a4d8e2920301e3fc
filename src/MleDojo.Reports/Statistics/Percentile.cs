namespace MleDojo.Reports.Statistics;

/// <summary>Percentiles of a sample, interpolated as numpy's default ("linear", Hyndman and Fan's type 7).</summary>
internal static class Percentile
{
    /// <summary>The <paramref name="fraction"/> quantile (0 to 1) of <paramref name="sorted"/>, which is in ascending order and not empty.</summary>
    public static double Of(IReadOnlyList<double> sorted, double fraction)
    {
        double position = (sorted.Count - 1) * fraction;
        int below = (int)Math.Floor(position);
        if (below >= sorted.Count - 1)
        {
            return sorted[^1];
        }

        double weight = position - below;
        return sorted[below] + (weight * (sorted[below + 1] - sorted[below]));
    }
}
