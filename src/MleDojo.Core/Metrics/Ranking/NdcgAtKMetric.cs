using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Ranking;

/// <summary>
/// NDCG at k with binary relevance: a predicted label gains 1 / log2(position + 2) when it is one of
/// the row's true labels and has not been predicted earlier in the row. The ideal ranking puts all
/// min(relevant, k) true labels first. A row without true labels scores 0, as in sklearn ndcg_score.
/// </summary>
internal sealed class NdcgAtKMetric(int k) : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "ndcg_at_k", true, PredictionKind.RankedList,
        [new("k", "int", true, null, "how many leading predictions count, >= 1")],
        "Normalised discounted cumulative gain at k with binary relevance of the true label(s).");

    internal static NdcgAtKMetric Create(MetricParameters parameters) => new(parameters.GetInt("k", 0, minimum: 1));

    protected override double Compute(MetricInput input)
    {
        string[] truth = input.TrueLabels(Name);
        string[] predicted = input.PredictedLabels(Name);
        double total = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            int relevant = Tokens.CountDistinct(truth[i]);
            if (relevant == 0)
            {
                continue;
            }

            string ranked = predicted[i];
            int position = 0;
            double gain = 0;
            foreach (ReadOnlySpan<char> label in Tokens.Split(ranked))
            {
                if (position >= k)
                {
                    break;
                }

                if (Tokens.Contains(truth[i], label) && !Tokens.ContainsInFirst(ranked, label, position))
                {
                    gain += Discount(position);
                }

                position++;
            }

            double ideal = 0;
            int idealCount = Math.Min(relevant, k);
            for (int p = 0; p < idealCount; p++)
            {
                ideal += Discount(p);
            }

            total += gain / ideal;
        }

        return total / truth.Length;
    }

    private static double Discount(int position) => 1.0 / Math.Log2(position + 2);
}
