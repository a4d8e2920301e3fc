namespace MleDojo.Core.Metrics.Internal;

/// <summary>
/// Fetches the arrays a metric needs and checks they line up with <see cref="MetricInput.RowCount"/>.
/// A mismatch is reported as <see cref="MetricException"/> so that the grader has one exception type to handle.
/// </summary>
internal static class InputArrays
{
    public static string[] TrueLabels(this MetricInput input, string metric) =>
        Check(input.TrueLabels, input.RowCount, metric, nameof(MetricInput.TrueLabels));

    public static string[] PredictedLabels(this MetricInput input, string metric) =>
        Check(input.PredictedLabels, input.RowCount, metric, nameof(MetricInput.PredictedLabels));

    public static double[] TrueValues(this MetricInput input, string metric) =>
        Check(input.TrueValues, input.RowCount, metric, nameof(MetricInput.TrueValues));

    public static double[] PredictedValues(this MetricInput input, string metric) =>
        Check(input.PredictedValues, input.RowCount, metric, nameof(MetricInput.PredictedValues));

    public static double[][] TrueColumns(this MetricInput input, string metric) =>
        CheckColumns(input.TrueColumns, input.RowCount, metric, nameof(MetricInput.TrueColumns));

    public static double[][] PredictedColumns(this MetricInput input, string metric) =>
        CheckColumns(input.PredictedColumns, input.RowCount, metric, nameof(MetricInput.PredictedColumns));

    /// <summary>Class-probability columns, one per entry of <see cref="MetricInput.Classes"/>.</summary>
    public static double[][] ClassColumns(this MetricInput input, string metric)
    {
        double[][] columns = input.PredictedColumns(metric);
        if (input.Classes.Count < 2)
        {
            throw new MetricException($"{metric}: needs at least two classes, got {input.Classes.Count}");
        }

        if (columns.Length != input.Classes.Count)
        {
            throw new MetricException(
                $"{metric}: {columns.Length} predicted columns for {input.Classes.Count} classes");
        }

        return columns;
    }

    /// <summary>Writes, for each row, the column in <see cref="MetricInput.Classes"/> of its true label.</summary>
    public static void ClassIndexOfTrueLabels(this MetricInput input, string metric, Span<int> result)
    {
        string[] labels = input.TrueLabels(metric);
        var index = new Dictionary<string, int>(input.Classes.Count, StringComparer.Ordinal);
        for (int c = 0; c < input.Classes.Count; c++)
        {
            if (!index.TryAdd(input.Classes[c], c))
            {
                throw new MetricException($"{metric}: class '{input.Classes[c]}' is listed twice");
            }
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if (!index.TryGetValue(labels[i], out int c))
            {
                throw new MetricException(
                    $"{metric}: the true label '{labels[i]}' in row {i} is not one of the classes ({string.Join(", ", input.Classes)})");
            }

            result[i] = c;
        }
    }

    private static T[] Check<T>(T[]? array, int rows, string metric, string field)
    {
        if (array is null)
        {
            throw new MetricException($"{metric}: the input has no {field}");
        }

        if (array.Length != rows)
        {
            throw new MetricException($"{metric}: {field} holds {array.Length} rows but RowCount is {rows}");
        }

        return array;
    }

    private static double[][] CheckColumns(double[][]? columns, int rows, string metric, string field)
    {
        if (columns is null || columns.Length == 0)
        {
            throw new MetricException($"{metric}: the input has no {field}");
        }

        for (int c = 0; c < columns.Length; c++)
        {
            Check(columns[c], rows, metric, $"{field}[{c}]");
        }

        return columns;
    }
}
