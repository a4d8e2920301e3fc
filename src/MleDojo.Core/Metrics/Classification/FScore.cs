using System.Runtime.InteropServices;
using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Classification;

/// <summary>
/// F-beta over string labels with sklearn's conventions: labels are the union of true and predicted
/// labels, and 0/0 precision or recall counts as 0 (zero_division="warn").
/// </summary>
internal static class FScore
{
    public const string AverageParameter = "average";
    public const string PositiveLabelParameter = "positive_label";

    internal static readonly MetricParameterInfo AverageInfo = new(
        AverageParameter, "string", false, "binary", "binary (positive label only), macro or micro");

    internal static readonly MetricParameterInfo PositiveLabelInfo = new(
        PositiveLabelParameter, "string", false, "1", "the positive label when average is binary");

    public static (FScoreAverage Average, string PositiveLabel) ReadOptions(MetricParameters parameters)
    {
        FScoreAverage average = parameters.GetChoice(AverageParameter, "binary", "binary", "macro", "micro") switch
        {
            "macro" => FScoreAverage.Macro,
            "micro" => FScoreAverage.Micro,
            _ => FScoreAverage.Binary,
        };
        return (average, parameters.GetString(PositiveLabelParameter, "1"));
    }

    public static double Compute(MetricInput input, string metric, double beta, FScoreAverage average, string positiveLabel)
    {
        string[] truth = input.TrueLabels(metric);
        string[] predicted = input.PredictedLabels(metric);

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new List<LabelCounts>();
        for (int i = 0; i < truth.Length; i++)
        {
            int t = IndexOf(truth[i], index, counts);
            int p = IndexOf(predicted[i], index, counts);
            Span<LabelCounts> span = CollectionsMarshal.AsSpan(counts);
            span[t].True++;
            span[p].Predicted++;
            if (t == p)
            {
                span[t].TruePositives++;
            }
        }

        double beta2 = beta * beta;
        switch (average)
        {
            case FScoreAverage.Micro:
                long tp = 0;
                foreach (LabelCounts c in counts)
                {
                    tp += c.TruePositives;
                }

                return Score(tp, truth.Length, truth.Length, beta2);

            case FScoreAverage.Macro:
                double sum = 0;
                foreach (LabelCounts c in counts)
                {
                    sum += Score(c.TruePositives, c.Predicted, c.True, beta2);
                }

                return sum / counts.Count;

            default:
                if (counts.Count > 2)
                {
                    throw new MetricException(
                        $"{metric}: average 'binary' needs at most two distinct labels, but the true and predicted labels hold {counts.Count} ({Describe(index.Keys)}); set parameter average to macro or micro");
                }

                if (!index.TryGetValue(positiveLabel, out int positive))
                {
                    if (counts.Count == 2)
                    {
                        throw new MetricException(
                            $"{metric}: positive_label '{positiveLabel}' is not one of the labels present ({Describe(index.Keys)}); set parameter positive_label");
                    }

                    return 0.0;
                }

                LabelCounts pc = counts[positive];
                return Score(pc.TruePositives, pc.Predicted, pc.True, beta2);
        }
    }

    private static int IndexOf(string label, Dictionary<string, int> index, List<LabelCounts> counts)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, label, out bool exists);
        if (!exists)
        {
            slot = counts.Count;
            counts.Add(default);
        }

        return slot;
    }

    private static double Score(long truePositives, long predicted, long actual, double beta2)
    {
        double precision = predicted == 0 ? 0.0 : (double)truePositives / predicted;
        double recall = actual == 0 ? 0.0 : (double)truePositives / actual;
        double denominator = (beta2 * precision) + recall;
        if (denominator == 0)
        {
            denominator = 1;
        }

        // sklearn's expression, in its order of operations, so reference values agree to the last bits.
        return (1 + beta2) * precision * recall / denominator;
    }

    private static string Describe(IEnumerable<string> labels)
    {
        string[] sorted = [.. labels.Order(StringComparer.Ordinal)];
        return sorted.Length <= 10
            ? string.Join(", ", sorted)
            : string.Join(", ", sorted[..10]) + ", ...";
    }

    private struct LabelCounts
    {
        public long TruePositives;
        public long Predicted;
        public long True;
    }
}
