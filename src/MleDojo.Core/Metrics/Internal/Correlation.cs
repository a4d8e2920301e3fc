namespace MleDojo.Core.Metrics.Internal;

/// <summary>Pearson correlation (as scipy.stats.pearsonr) and average ranks (as scipy.stats.rankdata).</summary>
internal static class Correlation
{
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y, string metric)
    {
        int n = x.Length;
        if (n < 2)
        {
            throw new MetricException($"{metric}: needs at least two rows, got {n}");
        }

        // scipy returns NaN here; a NaN score would poison leaderboards, so it is refused instead.
        ThrowIfConstant(x, metric, "true values");
        ThrowIfConstant(y, metric, "predictions");

        double meanX = Sums.Sum(x) / n;
        double meanY = Sums.Sum(y) / n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        double r = sxy / (Math.Sqrt(sxx) * Math.Sqrt(syy));
        return Math.Clamp(r, -1.0, 1.0);
    }

    /// <summary>1-based ranks, tied values sharing the mean of their positions.</summary>
    public static void AverageRanks(ReadOnlySpan<double> values, Span<double> ranks, string metric)
    {
        int n = values.Length;
        using var keys = new PooledBuffer<ulong>(n);
        using var keyScratch = new PooledBuffer<ulong>(n);
        using var order = new PooledBuffer<int>(n);
        using var orderScratch = new PooledBuffer<int>(n);
        Span<ulong> k = keys.Span;
        Span<int> o = order.Span;
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(values[i]))
            {
                throw new MetricException($"{metric}: row {i} holds NaN");
            }

            k[i] = RadixSort.Key(values[i]);
            o[i] = i;
        }

        RadixSort.Sort(k, o, keyScratch.Span, orderScratch.Span);

        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && k[end] == k[start])
            {
                end++;
            }

            double rank = (start + 1 + end) / 2.0;
            for (int j = start; j < end; j++)
            {
                ranks[o[j]] = rank;
            }

            start = end;
        }
    }

    public static void ThrowIfConstant(ReadOnlySpan<double> values, string metric, string what)
    {
        double first = values[0];
        foreach (double v in values)
        {
            if (v != first)
            {
                return;
            }
        }

        throw new MetricException($"{metric}: the {what} are constant ({first}); the correlation is undefined");
    }
}
