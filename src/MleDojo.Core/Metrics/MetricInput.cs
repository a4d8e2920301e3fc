namespace MleDojo.Core.Metrics;

/// <summary>
/// Answers and predictions aligned row by row (row i of every array is the same id).
/// Only the arrays that the metric's <see cref="PredictionKind"/> needs are set.
/// Numeric data is column-major so that a million-row submission costs one array per column.
/// </summary>
public sealed class MetricInput
{
    /// <summary>Number of rows scored.</summary>
    public required int RowCount { get; init; }

    /// <summary>True labels as text (Label, ClassProbabilities, Text, RankedList kinds).</summary>
    public string[]? TrueLabels { get; init; }

    /// <summary>True numeric target, one value per row (Value and Probability kinds; 0/1 for binary).</summary>
    public double[]? TrueValues { get; init; }

    /// <summary>True numeric targets, one array per target column (Values kind).</summary>
    public double[][]? TrueColumns { get; init; }

    /// <summary>Predicted labels as text (Label, Text, RankedList kinds).</summary>
    public string[]? PredictedLabels { get; init; }

    /// <summary>Predicted numeric value per row (Value and Probability kinds).</summary>
    public double[]? PredictedValues { get; init; }

    /// <summary>Predicted columns: one per class (ClassProbabilities) or per target (Values).</summary>
    public double[][]? PredictedColumns { get; init; }

    /// <summary>Class names in the order of <see cref="PredictedColumns"/>, or the class set for labels.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];
}
