using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Regression;

/// <summary>Median absolute error; an even row count takes the mean of the two middle errors, as numpy.median.</summary>
internal sealed class MedianAbsoluteErrorMetric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "median_ae", false, PredictionKind.Value, [], "Median absolute error.");

    protected override double Compute(MetricInput input)
    {
        double[] truth = input.TrueValues(Name);
        double[] predicted = input.PredictedValues(Name);
        int n = truth.Length;
        using var buffer = new PooledBuffer<double>(n);
        Span<double> errors = buffer.Span;
        for (int i = 0; i < n; i++)
        {
            errors[i] = Math.Abs(truth[i] - predicted[i]);
            if (double.IsNaN(errors[i]))
            {
                throw new MetricException($"{Name}: row {i} holds NaN");
            }
        }

        errors.Sort();
        int middle = n / 2;
        return n % 2 == 1 ? errors[middle] : (errors[middle - 1] + errors[middle]) / 2.0;
    }
}
