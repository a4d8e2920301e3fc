using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Regression;

internal sealed class PearsonMetric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "pearson", true, PredictionKind.Value, [],
        "Pearson correlation between truth and prediction (scipy.stats.pearsonr); constant input is rejected.");

    protected override double Compute(MetricInput input) =>
        Correlation.Pearson(input.TrueValues(Name), input.PredictedValues(Name), Name);
}
