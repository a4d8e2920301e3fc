using MleDojo.Core.Metrics;

namespace MleDojo.Core.Tests.Metrics;

/// <summary>Short-hand builders for hand-written inputs.</summary>
internal static class Inputs
{
    public static MetricInput Probability(double[] truth, double[] predicted) =>
        new() { RowCount = truth.Length, TrueValues = truth, PredictedValues = predicted };

    public static MetricInput Value(double[] truth, double[] predicted) => Probability(truth, predicted);

    public static MetricInput Labels(string[] truth, string[] predicted) =>
        new() { RowCount = truth.Length, TrueLabels = truth, PredictedLabels = predicted };

    /// <summary>An input carrying every array, all empty, so that any metric reaches its row-count check.</summary>
    public static MetricInput Empty() => new()
    {
        RowCount = 0,
        TrueLabels = [],
        PredictedLabels = [],
        TrueValues = [],
        PredictedValues = [],
        TrueColumns = [[]],
        PredictedColumns = [[], []],
        Classes = ["0", "1"],
    };
}
