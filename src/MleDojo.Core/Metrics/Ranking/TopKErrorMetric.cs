using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Ranking;

/// <summary>
/// Top-k error (ImageNet style): a row is a hit when its true label is among the first k predicted
/// labels. A truth holding several space-separated labels hits on any of them.
/// </summary>
internal sealed class TopKErrorMetric(int k) : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "top_k_error", false, PredictionKind.RankedList,
        [new("k", "int", false, "5", "how many leading predictions count, >= 1")],
        "1 - fraction of rows whose true label is among the first k space-separated predicted labels.");

    internal static TopKErrorMetric Create(MetricParameters parameters) => new(parameters.GetInt("k", 5, minimum: 1));

    protected override double Compute(MetricInput input)
    {
        string[] truth = input.TrueLabels(Name);
        string[] predicted = input.PredictedLabels(Name);
        int hits = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            int position = 0;
            foreach (ReadOnlySpan<char> label in Tokens.Split(predicted[i]))
            {
                if (position++ >= k)
                {
                    break;
                }

                if (Tokens.Contains(truth[i], label))
                {
                    hits++;
                    break;
                }
            }
        }

        return 1.0 - ((double)hits / truth.Length);
    }
}
