using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Classification;

/// <summary>
/// Kaggle's normalized Gini: gini(actual, predicted) / gini(actual, actual) with the classic
/// kernel's tie rule (rows sorted by prediction descending, ties kept in row order). For a 0/1
/// target without tied predictions it equals 2 * AUC - 1; with ties it follows Kaggle, not AUC.
/// </summary>
internal sealed class NormalizedGiniMetric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "normalized_gini", true, PredictionKind.Probability, [],
        "Kaggle normalized Gini coefficient, gini(actual, pred) / gini(actual, actual); ties keep row order as in Kaggle's code.");

    protected override double Compute(MetricInput input)
    {
        double[] truth = input.TrueValues(Name);
        double[] predicted = input.PredictedValues(Name);
        int n = truth.Length;

        double first = truth[0];
        bool constant = true;
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            constant &= truth[i] == first;
            total += truth[i];
            if (double.IsNaN(predicted[i]))
            {
                throw new MetricException($"{Name}: the prediction in row {i} is NaN");
            }
        }

        if (constant)
        {
            throw new MetricException(
                $"{Name}: only one class is present in the true values (all {first}); the normalized Gini is undefined");
        }

        if (total == 0 || !double.IsFinite(total))
        {
            throw new MetricException($"{Name}: the true values sum to {total}; the Gini coefficient is undefined");
        }

        using var keys = new PooledBuffer<ulong>(n);
        using var keyScratch = new PooledBuffer<ulong>(n);
        using var items = new PooledBuffer<double>(n);
        using var itemScratch = new PooledBuffer<double>(n);

        double model = Gini(truth, predicted, total, keys.Span, keyScratch.Span, items.Span, itemScratch.Span);
        double perfect = Gini(truth, truth, total, keys.Span, keyScratch.Span, items.Span, itemScratch.Span);
        if (perfect == 0)
        {
            throw new MetricException($"{Name}: gini(actual, actual) is 0, so the normalized Gini is undefined");
        }

        return model / perfect;
    }

    private static double Gini(
        ReadOnlySpan<double> actual, ReadOnlySpan<double> order, double total,
        Span<ulong> keys, Span<ulong> keyScratch, Span<double> items, Span<double> itemScratch)
    {
        int n = actual.Length;
        for (int i = 0; i < n; i++)
        {
            keys[i] = RadixSort.DescendingKey(order[i]);
            items[i] = actual[i];
        }

        // The radix sort is stable, which is exactly Kaggle's np.lexsort tie-break on the row index.
        RadixSort.Sort(keys, items, keyScratch, itemScratch);

        double cumulative = 0;
        double sumOfCumulative = 0;
        for (int i = 0; i < n; i++)
        {
            cumulative += items[i];
            sumOfCumulative += cumulative;
        }

        double giniSum = (sumOfCumulative / total) - ((n + 1) / 2.0);
        return giniSum / n;
    }
}
