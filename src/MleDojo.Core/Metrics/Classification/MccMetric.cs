using System.Runtime.InteropServices;
using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Classification;

/// <summary>
/// Matthews correlation coefficient in sklearn's multi-class form. It needs only the true and
/// predicted label counts and the trace of the confusion matrix, so no K x K matrix is built.
/// </summary>
internal sealed class MccMetric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "mcc", true, PredictionKind.Label, [],
        "Matthews correlation coefficient, binary or multi-class like sklearn matthews_corrcoef (0 when degenerate).");

    protected override double Compute(MetricInput input)
    {
        string[] truth = input.TrueLabels(Name);
        string[] predicted = input.PredictedLabels(Name);

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var trueCounts = new List<long>();
        var predictedCounts = new List<long>();
        long correct = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            int t = IndexOf(truth[i], index, trueCounts, predictedCounts);
            int p = IndexOf(predicted[i], index, trueCounts, predictedCounts);
            CollectionsMarshal.AsSpan(trueCounts)[t]++;
            CollectionsMarshal.AsSpan(predictedCounts)[p]++;
            if (t == p)
            {
                correct++;
            }
        }

        double n = truth.Length;
        double truePredicted = 0;
        double predictedSquared = 0;
        double trueSquared = 0;
        for (int k = 0; k < trueCounts.Count; k++)
        {
            truePredicted += (double)trueCounts[k] * predictedCounts[k];
            predictedSquared += (double)predictedCounts[k] * predictedCounts[k];
            trueSquared += (double)trueCounts[k] * trueCounts[k];
        }

        double covTruePredicted = (correct * n) - truePredicted;
        double covPredicted = (n * n) - predictedSquared;
        double covTrue = (n * n) - trueSquared;

        // A constant truth or prediction leaves the coefficient 0/0; sklearn defines it as 0.
        if (covPredicted * covTrue == 0)
        {
            return 0.0;
        }

        return covTruePredicted / Math.Sqrt(covTrue * covPredicted);
    }

    private static int IndexOf(string label, Dictionary<string, int> index, List<long> trueCounts, List<long> predictedCounts)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, label, out bool exists);
        if (!exists)
        {
            slot = trueCounts.Count;
            trueCounts.Add(0);
            predictedCounts.Add(0);
        }

        return slot;
    }
}
