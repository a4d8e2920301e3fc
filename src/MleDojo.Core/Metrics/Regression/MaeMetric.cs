using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Regression;

internal sealed class MaeMetric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "mae", false, PredictionKind.Value, [], "Mean absolute error.");

    protected override double Compute(MetricInput input)
    {
        double[] truth = input.TrueValues(Name);
        double[] predicted = input.PredictedValues(Name);
        return Sums.AbsoluteDifferences(truth, predicted) / truth.Length;
    }
}
