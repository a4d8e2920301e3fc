using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Classification;

internal sealed class RocAucMetric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "roc_auc", true, PredictionKind.Probability, [],
        "Area under the ROC curve for a binary target (0/1) and a score; tied scores count one half, as sklearn.");

    protected override double Compute(MetricInput input)
    {
        double[] truth = input.TrueValues(Name);
        double[] scores = input.PredictedValues(Name);
        int n = truth.Length;

        // Positives fill the buffer from the front and negatives from the back, so one buffer holds both.
        using var keys = new PooledBuffer<ulong>(n);
        using var scratch = new PooledBuffer<ulong>(n);
        Span<ulong> k = keys.Span;
        int positives = 0;
        int negativesStart = n;
        for (int i = 0; i < n; i++)
        {
            double score = scores[i];
            if (double.IsNaN(score))
            {
                throw new MetricException($"{Name}: the prediction in row {i} is NaN");
            }

            double y = truth[i];
            if (y == 1.0)
            {
                k[positives++] = RadixSort.Key(score);
            }
            else if (y == 0.0)
            {
                k[--negativesStart] = RadixSort.Key(score);
            }
            else
            {
                throw new MetricException($"{Name}: true values must be 0 or 1, row {i} holds {y}");
            }
        }

        if (positives == 0 || negativesStart == n)
        {
            throw new MetricException(
                $"{Name}: only one class is present in the true values (all {(positives == 0 ? 0 : 1)}); ROC AUC is undefined");
        }

        return BinaryAuc.Compute(k[..positives], k[negativesStart..], scratch.Span);
    }
}
