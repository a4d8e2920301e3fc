using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Regression;

/// <summary>Symmetric mean absolute percentage error, Kaggle convention: 100/n * sum(2|F - A| / (|A| + |F|)), 0/0 counting as 0.</summary>
internal sealed class SmapeMetric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "smape", false, PredictionKind.Value, [],
        "Symmetric MAPE in percent, 100/n * sum(2|F - A| / (|A| + |F|)); a 0/0 row counts as 0 (Kaggle).");

    protected override double Compute(MetricInput input)
    {
        double[] truth = input.TrueValues(Name);
        double[] predicted = input.PredictedValues(Name);
        double total = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            double denominator = Math.Abs(truth[i]) + Math.Abs(predicted[i]);
            if (denominator != 0)
            {
                total += 2.0 * Math.Abs(predicted[i] - truth[i]) / denominator;
            }
        }

        return 100.0 / truth.Length * total;
    }
}
