using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Regression;

/// <summary>Root mean squared logarithmic error: sqrt of sklearn mean_squared_log_error, which refuses negative values.</summary>
internal sealed class RmsleMetric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "rmsle", false, PredictionKind.Value, [],
        "Root mean squared logarithmic error, sqrt(mean((log1p(y) - log1p(p))^2)); negative values are rejected.");

    protected override double Compute(MetricInput input)
    {
        double[] truth = input.TrueValues(Name);
        double[] predicted = input.PredictedValues(Name);
        double total = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            double t = truth[i];
            double p = predicted[i];
            if (t < 0 || p < 0)
            {
                throw new MetricException(
                    $"{Name}: negative values are not allowed (row {i}: true {t}, predicted {p}); RMSLE needs values >= 0");
            }

            double d = Numerics.Log1P(t) - Numerics.Log1P(p);
            total += d * d;
        }

        return Math.Sqrt(total / truth.Length);
    }
}
