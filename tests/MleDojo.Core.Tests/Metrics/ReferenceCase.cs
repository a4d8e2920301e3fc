using System.Text.Json;
using MleDojo.Core.Metrics;

namespace MleDojo.Core.Tests.Metrics;

/// <summary>One case of metric_reference_values.json (tests/reference/metric_reference.py) or concordance_reference_values.json (concordance_reference.R).</summary>
internal sealed class ReferenceCase
{
    public required string Id { get; init; }

    public required string Metric { get; init; }

    public required string Kind { get; init; }

    public required string Reference { get; init; }

    public Dictionary<string, JsonElement> Parameters { get; init; } = [];

    public double? Expected { get; init; }

    public double Tolerance { get; init; }

    public string? Error { get; init; }

    public string? ReferenceBehaviour { get; init; }

    public string? Note { get; init; }

    public string[]? TrueLabels { get; init; }

    public string[]? PredictedLabels { get; init; }

    public double[]? TrueValues { get; init; }

    public double[]? PredictedValues { get; init; }

    public double[][]? TrueColumns { get; init; }

    public double[][]? PredictedColumns { get; init; }

    public string[]? Classes { get; init; }

    public int RowCount =>
        TrueLabels?.Length ?? TrueValues?.Length ?? TrueColumns?[0].Length
        ?? throw new InvalidOperationException($"{Id}: no true data");

    public MetricInput ToInput() => new()
    {
        RowCount = RowCount,
        TrueLabels = TrueLabels,
        PredictedLabels = PredictedLabels,
        TrueValues = TrueValues,
        PredictedValues = PredictedValues,
        TrueColumns = TrueColumns,
        PredictedColumns = PredictedColumns,
        Classes = Classes ?? [],
    };

    /// <summary>Parameters as YAML would hand them over: strings, integers or doubles.</summary>
    public IReadOnlyDictionary<string, object?> ParameterValues() =>
        Parameters.ToDictionary(
            p => p.Key,
            p => p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Number when p.Value.TryGetInt64(out long l) => l,
                JsonValueKind.Number => p.Value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => (object?)null,
            });

    public IMetric CreateMetric() => MetricRegistry.Create(Metric, ParameterValues());

    public override string ToString() => Id;
}
