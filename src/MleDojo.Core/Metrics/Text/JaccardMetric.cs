using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Text;

/// <summary>Mean word-level Jaccard as in Kaggle Tweet Sentiment Extraction; a row where both sides are empty scores 1.</summary>
internal sealed class JaccardMetric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "jaccard", true, PredictionKind.Text, [],
        "Mean word-level Jaccard similarity of lower-cased whitespace token sets (Kaggle Tweet Sentiment); both empty = 1.");

    protected override double Compute(MetricInput input)
    {
        string[] truth = input.TrueLabels(Name);
        string[] predicted = input.PredictedLabels(Name);
        var sets = new TokenSets();
        double total = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            int common = sets.Load(truth[i], predicted[i]);
            int union = sets.TruthCount + sets.PredictedCount - common;
            total += union == 0 ? 1.0 : (double)common / union;
        }

        return total / truth.Length;
    }
}
