using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Regression;

/// <summary>Spearman rank correlation: Pearson over average ranks, as scipy.stats.spearmanr.</summary>
internal sealed class SpearmanMetric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "spearman", true, PredictionKind.Value, [],
        "Spearman rank correlation with average ranks for ties (scipy.stats.spearmanr); constant input is rejected.");

    protected override double Compute(MetricInput input)
    {
        double[] truth = input.TrueValues(Name);
        double[] predicted = input.PredictedValues(Name);
        int n = truth.Length;
        if (n < 2)
        {
            throw new MetricException($"{Name}: needs at least two rows, got {n}");
        }

        Correlation.ThrowIfConstant(truth, Name, "true values");
        Correlation.ThrowIfConstant(predicted, Name, "predictions");
        using var trueRanks = new PooledBuffer<double>(n);
        using var predictedRanks = new PooledBuffer<double>(n);
        Correlation.AverageRanks(truth, trueRanks.Span, Name);
        Correlation.AverageRanks(predicted, predictedRanks.Span, Name);
        return Correlation.Pearson(trueRanks.Span, predictedRanks.Span, Name);
    }
}
