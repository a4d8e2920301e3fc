using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Regression;

/// <summary>Mean column-wise RMSE over several targets (Kaggle "MCRMSE").</summary>
internal sealed class McrmseMetric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "mcrmse", false, PredictionKind.Values, [], "Mean over target columns of each column's RMSE.");

    protected override double Compute(MetricInput input)
    {
        double[][] truth = input.TrueColumns(Name);
        double[][] predicted = input.PredictedColumns(Name);
        if (truth.Length != predicted.Length)
        {
            throw new MetricException($"{Name}: {truth.Length} true columns but {predicted.Length} predicted columns");
        }

        double total = 0;
        for (int c = 0; c < truth.Length; c++)
        {
            total += Math.Sqrt(Sums.SquaredDifferences(truth[c], predicted[c]) / input.RowCount);
        }

        return total / truth.Length;
    }
}
