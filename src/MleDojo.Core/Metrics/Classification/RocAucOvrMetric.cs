using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Classification;

/// <summary>Macro one-vs-rest ROC AUC, as sklearn roc_auc_score(multi_class='ovr', average='macro').</summary>
/// <remarks>Unlike sklearn it does not insist that each row sums to 1; the submission parser owns that rule.</remarks>
internal sealed class RocAucOvrMetric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "roc_auc_ovr", true, PredictionKind.ClassProbabilities, [],
        "Mean over classes of the one-vs-rest ROC AUC (macro average, as sklearn multi_class='ovr').");

    protected override double Compute(MetricInput input)
    {
        double[][] columns = input.ClassColumns(Name);
        int n = input.RowCount;
        using var labelClasses = new PooledBuffer<int>(n);
        Span<int> labelClass = labelClasses.Span;
        input.ClassIndexOfTrueLabels(Name, labelClass);

        using var keys = new PooledBuffer<ulong>(n);
        using var scratch = new PooledBuffer<ulong>(n);
        Span<ulong> k = keys.Span;
        double total = 0;
        for (int c = 0; c < columns.Length; c++)
        {
            double[] scores = columns[c];
            int positives = 0;
            int negativesStart = n;
            for (int i = 0; i < n; i++)
            {
                double score = scores[i];
                if (double.IsNaN(score))
                {
                    throw new MetricException($"{Name}: the prediction for class '{input.Classes[c]}' in row {i} is NaN");
                }

                if (labelClass[i] == c)
                {
                    k[positives++] = RadixSort.Key(score);
                }
                else
                {
                    k[--negativesStart] = RadixSort.Key(score);
                }
            }

            if (positives == 0)
            {
                throw new MetricException(
                    $"{Name}: class '{input.Classes[c]}' never occurs in the true labels, so only one class is present in its one-vs-rest split and ROC AUC is undefined");
            }

            if (negativesStart == n)
            {
                throw new MetricException(
                    $"{Name}: only one class is present in the true labels (all '{input.Classes[c]}'); ROC AUC is undefined");
            }

            total += BinaryAuc.Compute(k[..positives], k[negativesStart..], scratch.Span);
        }

        return total / columns.Length;
    }
}
