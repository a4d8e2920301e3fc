namespace MleDojo.Core.Metrics;

// TEMPORARY stand-in until the metric library branch lands; replaced on merge.
public static class MetricRegistry
{
    public static IReadOnlyList<MetricInfo> All { get; } = [];

    public static IMetric Create(string name, IReadOnlyDictionary<string, object?>? parameters = null) =>
        throw new ArgumentException($"unknown metric '{name}'");
}
