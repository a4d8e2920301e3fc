using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Ranking;

/// <summary>
/// Mean average precision at k, Kaggle's ml_metrics apk/mapk: a repeated prediction scores once, the
/// row score is divided by min(relevant, k), and a row without relevant labels scores 0. The true
/// labels are the distinct space-separated tokens of the truth.
/// </summary>
internal sealed class MapAtKMetric(int k) : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "map_at_k", true, PredictionKind.RankedList,
        [new("k", "int", true, null, "how many leading predictions count, >= 1")],
        "Mean average precision at k over space-separated ranked predictions (Kaggle apk/mapk).");

    internal static MapAtKMetric Create(MetricParameters parameters) => new(parameters.GetInt("k", 0, minimum: 1));

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
            int hits = 0;
            double score = 0;
            foreach (ReadOnlySpan<char> label in Tokens.Split(ranked))
            {
                if (position >= k)
                {
                    break;
                }

                if (Tokens.Contains(truth[i], label) && !Tokens.ContainsInFirst(ranked, label, position))
                {
                    hits++;
                    score += hits / (position + 1.0);
                }

                position++;
            }

            total += score / Math.Min(relevant, k);
        }

        return total / truth.Length;
    }
}
