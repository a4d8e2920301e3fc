using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Regression;

/// <summary>
/// Coefficient of determination with sklearn's force_finite rule: a constant truth scores 1.0 when
/// predicted perfectly and 0.0 otherwise. The constant case is detected exactly rather than through
/// a floating-point mean, which in sklearn 1.2.1 turns [0.1] * 7 into a denominator of 1e-33 and a
/// score near -1e31.
/// </summary>
internal sealed class R2Metric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "r2", true, PredictionKind.Value, [],
        "Coefficient of determination R^2; constant truth gives 1.0 if perfect else 0.0 (sklearn force_finite).");

    protected override double Compute(MetricInput input)
    {
        double[] truth = input.TrueValues(Name);
        double[] predicted = input.PredictedValues(Name);
        int n = truth.Length;
        if (n < 2)
        {
            throw new MetricException($"{Name}: R^2 needs at least two rows, got {n}");
        }

        double residual = Sums.SquaredDifferences(truth, predicted);
        double first = truth[0];
        bool constant = true;
        foreach (double t in truth)
        {
            if (t != first)
            {
                constant = false;
                break;
            }
        }

        if (constant || residual == 0)
        {
            return residual == 0 ? 1.0 : 0.0;
        }

        double mean = Sums.Sum(truth) / n;
        double total = 0;
        foreach (double t in truth)
        {
            double d = t - mean;
            total += d * d;
        }

        return total == 0 ? 0.0 : 1.0 - (residual / total);
    }
}
