namespace MleDojo.Core.Metrics.Ranking;

/// <summary>
/// Mean average precision at k, Kaggle's ml_metrics apk/mapk: a repeated prediction scores once, the
/// row score is divided by min(relevant, k), and a row without relevant labels scores 0. The true
/// labels are the distinct space-separated tokens of the truth.
/// </summary>
internal sealed class MapAtKMetric(int k) : RankedHitsMetric(Info, k)
{
    internal static readonly MetricInfo Info = new(
        "map_at_k", true, PredictionKind.RankedList,
        [new("k", "int", true, null, "how many leading predictions count, >= 1")],
        "Mean average precision at k over space-separated ranked predictions (Kaggle apk/mapk).");

    internal static MapAtKMetric Create(MetricParameters parameters) => new(parameters.GetInt("k", 0, minimum: 1));

    protected override double Gain(int hitNumber, int position) => hitNumber / (position + 1.0);

    protected override double Normalise(double gain, int relevant) => gain / Math.Min(relevant, K);
}
