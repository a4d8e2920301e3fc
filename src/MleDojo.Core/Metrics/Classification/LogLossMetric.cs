using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Classification;

/// <summary>Binary cross-entropy, as sklearn log_loss with an explicit eps.</summary>
internal sealed class LogLossMetric(double eps) : Metric(Info)
{
    internal const double DefaultEps = 1e-15;

    internal static readonly MetricInfo Info = new(
        "log_loss", false, PredictionKind.Probability,
        [new("eps", "number", false, "1e-15", "probabilities are clipped to [eps, 1 - eps]; 0 < eps < 0.5")],
        "Binary log loss of the positive-class probability against 0/1 truth, clipped like sklearn.");

    internal static LogLossMetric Create(MetricParameters parameters) =>
        new(parameters.GetDouble("eps", DefaultEps, e => e is > 0 and < 0.5, "a number with 0 < eps < 0.5"));

    protected override double Compute(MetricInput input)
    {
        double[] truth = input.TrueValues(Name);
        double[] predicted = input.PredictedValues(Name);
        double total = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            double p = Math.Clamp(predicted[i], eps, 1 - eps);
            double q = 1 - p;

            // sklearn builds the two columns [1 - p, p] and renormalises them; replaying that keeps the last bits equal.
            double rowSum = q + p;
            double y = truth[i];
            if (y == 1.0)
            {
                total -= Math.Log(p / rowSum);
            }
            else if (y == 0.0)
            {
                total -= Math.Log(q / rowSum);
            }
            else
            {
                throw new MetricException($"{Name}: true values must be 0 or 1, row {i} holds {y}");
            }
        }

        return total / truth.Length;
    }
}
