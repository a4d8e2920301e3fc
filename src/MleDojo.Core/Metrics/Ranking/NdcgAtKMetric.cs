namespace MleDojo.Core.Metrics.Ranking;

/// <summary>
/// NDCG at k with binary relevance: a predicted label gains 1 / log2(position + 2) when it is one of
/// the row's true labels and has not been predicted earlier in the row. The ideal ranking puts all
/// min(relevant, k) true labels first. A row without true labels scores 0, as in sklearn ndcg_score.
/// </summary>
internal sealed class NdcgAtKMetric(int k) : RankedHitsMetric(Info, k)
{
    internal static readonly MetricInfo Info = new(
        "ndcg_at_k", true, PredictionKind.RankedList,
        [new("k", "int", true, null, "how many leading predictions count, >= 1")],
        "Normalised discounted cumulative gain at k with binary relevance of the true label(s).");

    internal static NdcgAtKMetric Create(MetricParameters parameters) => new(parameters.GetInt("k", 0, minimum: 1));

    protected override double Gain(int hitNumber, int position) => Discount(position);

    protected override double Normalise(double gain, int relevant)
    {
        double ideal = 0;
        int idealCount = Math.Min(relevant, K);
        for (int p = 0; p < idealCount; p++)
        {
            ideal += Discount(p);
        }

        return gain / ideal;
    }

    private static double Discount(int position) => 1.0 / Math.Log2(position + 2);
}
