using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Regression;

internal sealed class RmseMetric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "rmse", false, PredictionKind.Value, [], "Root mean squared error.");

    protected override double Compute(MetricInput input)
    {
        double[] truth = input.TrueValues(Name);
        double[] predicted = input.PredictedValues(Name);
        return Math.Sqrt(Sums.SquaredDifferences(truth, predicted) / truth.Length);
    }
}
