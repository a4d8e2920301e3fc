using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Text;

/// <summary>Mean Dice coefficient of token sets, tokenised as <see cref="JaccardMetric"/>; a row where both sides are empty scores 1.</summary>
internal sealed class DiceMetric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "dice", true, PredictionKind.Text, [],
        "Mean Dice coefficient 2|A n B| / (|A| + |B|) of lower-cased whitespace token sets; both empty = 1.");

    protected override double Compute(MetricInput input)
    {
        string[] truth = input.TrueLabels(Name);
        string[] predicted = input.PredictedLabels(Name);
        var sets = new TokenSets();
        double total = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            int common = sets.Load(truth[i], predicted[i]);
            int sizes = sets.TruthCount + sets.PredictedCount;
            total += sizes == 0 ? 1.0 : 2.0 * common / sizes;
        }

        return total / truth.Length;
    }
}
