namespace MleDojo.Core.Metrics;

/// <summary>What the registry knows about a metric before creating it: enough to validate a competition spec and list metrics.</summary>
/// <param name="Name">Registry name, snake_case.</param>
/// <param name="HigherIsBetter">True when a larger score is better.</param>
/// <param name="Kind">The prediction shape the metric consumes.</param>
/// <param name="Parameters">Parameters accepted by <see cref="MetricRegistry.Create"/>; any other name is rejected.</param>
/// <param name="Description">One line for listings.</param>
/// <param name="AnswerColumns">
/// For a metric that scores one prediction column against several answer columns (a survival risk against time
/// and event), the roles of those columns in the order <c>data.targets</c> must list them; null for the usual
/// one answer column per prediction column.
/// </param>
public sealed record MetricInfo(
    string Name,
    bool HigherIsBetter,
    PredictionKind Kind,
    IReadOnlyList<MetricParameterInfo> Parameters,
    string Description,
    IReadOnlyList<string>? AnswerColumns = null);
