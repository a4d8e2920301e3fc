namespace MleDojo.Reports.Plots;

/// <summary>
/// The points of a series that can be drawn. Reports hold NaN for steps an agent never reached, and ScottPlot would
/// stretch its axes or throw on them, so they are left out rather than drawn.
/// </summary>
internal static class FinitePoints
{
    /// <summary>The (x, y) pairs where both are finite, pairing up to the shorter list.</summary>
    public static (double[] Xs, double[] Ys) Of(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        var keptX = new List<double>();
        var keptY = new List<double>();
        for (var i = 0; i < Math.Min(xs.Count, ys.Count); i++)
        {
            if (double.IsFinite(xs[i]) && double.IsFinite(ys[i]))
            {
                keptX.Add(xs[i]);
                keptY.Add(ys[i]);
            }
        }

        return ([.. keptX], [.. keptY]);
    }

    /// <summary>The (x, low, high) triples where all three are finite, pairing up to the shortest list.</summary>
    public static (double X, double Low, double High)[] Band(IReadOnlyList<double> xs, IReadOnlyList<double> lows, IReadOnlyList<double> highs)
    {
        var kept = new List<(double X, double Low, double High)>();
        for (var i = 0; i < Math.Min(xs.Count, Math.Min(lows.Count, highs.Count)); i++)
        {
            if (double.IsFinite(xs[i]) && double.IsFinite(lows[i]) && double.IsFinite(highs[i]))
            {
                kept.Add((xs[i], Math.Min(lows[i], highs[i]), Math.Max(lows[i], highs[i])));
            }
        }

        return [.. kept];
    }
}
