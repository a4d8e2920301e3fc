using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Regression;

/// <summary>Root mean squared percentage error over rows whose truth is non-zero, as Kaggle Rossmann.</summary>
internal sealed class RmspeMetric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "rmspe", false, PredictionKind.Value, [],
        "Root mean squared percentage error, sqrt(mean(((y - p) / y)^2)); rows with y = 0 are excluded (Kaggle Rossmann).");

    protected override double Compute(MetricInput input)
    {
        double[] truth = input.TrueValues(Name);
        double[] predicted = input.PredictedValues(Name);
        double total = 0;
        int counted = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            double t = truth[i];
            if (t == 0)
            {
                continue;
            }

            double relative = (t - predicted[i]) / t;
            total += relative * relative;
            counted++;
        }

        if (counted == 0)
        {
            throw new MetricException($"{Name}: every true value is 0; RMSPE needs at least one non-zero true value");
        }

        return Math.Sqrt(total / counted);
    }
}
