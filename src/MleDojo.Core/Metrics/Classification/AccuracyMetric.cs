using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Classification;

internal sealed class AccuracyMetric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "accuracy", true, PredictionKind.Label, [], "Fraction of rows whose predicted label equals the true label.");

    protected override double Compute(MetricInput input)
    {
        string[] truth = input.TrueLabels(Name);
        string[] predicted = input.PredictedLabels(Name);
        int correct = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            if (string.Equals(truth[i], predicted[i], StringComparison.Ordinal))
            {
                correct++;
            }
        }

        return (double)correct / truth.Length;
    }
}
