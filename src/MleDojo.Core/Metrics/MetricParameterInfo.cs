namespace MleDojo.Core.Metrics;

/// <summary>One parameter a metric accepts.</summary>
/// <param name="Name">Key in <c>metric.parameters</c>.</param>
/// <param name="Type">Value type as written in YAML: <c>int</c>, <c>number</c> or <c>string</c>.</param>
/// <param name="Required">True when the metric cannot be created without it.</param>
/// <param name="DefaultValue">The value used when absent, as text; null when required.</param>
/// <param name="Description">One line for listings.</param>
public sealed record MetricParameterInfo(
    string Name,
    string Type,
    bool Required,
    string? DefaultValue,
    string Description);
