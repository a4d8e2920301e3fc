using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Classification;

/// <summary>Multi-class cross-entropy, as sklearn log_loss: clip each probability, renormalise each row, average -log p(true).</summary>
internal sealed class MulticlassLogLossMetric(double eps) : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "multiclass_log_loss", false, PredictionKind.ClassProbabilities,
        [new("eps", "number", false, "1e-15", "probabilities are clipped to [eps, 1 - eps] before rows are renormalised; 0 < eps < 0.5")],
        "Multi-class log loss; probabilities clipped and each row renormalised to sum 1, like sklearn.");

    internal static MulticlassLogLossMetric Create(MetricParameters parameters) =>
        new(parameters.GetDouble("eps", LogLossMetric.DefaultEps, e => e is > 0 and < 0.5, "a number with 0 < eps < 0.5"));

    protected override double Compute(MetricInput input)
    {
        double[][] columns = input.ClassColumns(Name);
        int n = input.RowCount;
        using var labelClasses = new PooledBuffer<int>(n);
        Span<int> labelClass = labelClasses.Span;
        input.ClassIndexOfTrueLabels(Name, labelClass);

        // Column by column keeps memory access sequential; the per-row sum is accumulated in class order, as numpy does.
        using var rowSums = new PooledBuffer<double>(n);
        Span<double> sums = rowSums.Span;
        sums.Clear();
        foreach (double[] column in columns)
        {
            for (int i = 0; i < n; i++)
            {
                sums[i] += Math.Clamp(column[i], eps, 1 - eps);
            }
        }

        double total = 0;
        for (int i = 0; i < n; i++)
        {
            double p = Math.Clamp(columns[labelClass[i]][i], eps, 1 - eps);
            total -= Math.Log(p / sums[i]);
        }

        return total / n;
    }
}
