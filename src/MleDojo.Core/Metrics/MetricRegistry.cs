using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using MleDojo.Core.Metrics.Classification;
using MleDojo.Core.Metrics.Ranking;
using MleDojo.Core.Metrics.Regression;
using MleDojo.Core.Metrics.Survival;
using MleDojo.Core.Metrics.Text;

namespace MleDojo.Core.Metrics;

/// <summary>The metric library: every metric a competition may name, with its direction, kind and parameters.</summary>
public static class MetricRegistry
{
    private static readonly Entry[] Entries =
    [
        new(AccuracyMetric.Info, _ => new AccuracyMetric()),
        new(RocAucMetric.Info, _ => new RocAucMetric()),
        new(RocAucOvrMetric.Info, _ => new RocAucOvrMetric()),
        new(LogLossMetric.Info, LogLossMetric.Create),
        new(MulticlassLogLossMetric.Info, MulticlassLogLossMetric.Create),
        new(F1Metric.Info, F1Metric.Create),
        new(FBetaMetric.Info, FBetaMetric.Create),
        new(MccMetric.Info, _ => new MccMetric()),
        new(TopKErrorMetric.Info, TopKErrorMetric.Create),
        new(NormalizedGiniMetric.Info, _ => new NormalizedGiniMetric()),
        new(RmseMetric.Info, _ => new RmseMetric()),
        new(RmsleMetric.Info, _ => new RmsleMetric()),
        new(MaeMetric.Info, _ => new MaeMetric()),
        new(MedianAbsoluteErrorMetric.Info, _ => new MedianAbsoluteErrorMetric()),
        new(R2Metric.Info, _ => new R2Metric()),
        new(RmspeMetric.Info, _ => new RmspeMetric()),
        new(SmapeMetric.Info, _ => new SmapeMetric()),
        new(McrmseMetric.Info, _ => new McrmseMetric()),
        new(PearsonMetric.Info, _ => new PearsonMetric()),
        new(SpearmanMetric.Info, _ => new SpearmanMetric()),
        new(QuadraticWeightedKappaMetric.Info, _ => new QuadraticWeightedKappaMetric()),
        new(MapAtKMetric.Info, MapAtKMetric.Create),
        new(NdcgAtKMetric.Info, NdcgAtKMetric.Create),
        new(ConcordanceIndexMetric.Info, _ => new ConcordanceIndexMetric()),
        new(LevenshteinMetric.Info, LevenshteinMetric.Create),
        new(JaccardMetric.Info, _ => new JaccardMetric()),
        new(DiceMetric.Info, _ => new DiceMetric()),
    ];

    private static readonly FrozenDictionary<string, Entry> ByName =
        Entries.ToFrozenDictionary(e => e.Info.Name, StringComparer.Ordinal);

    /// <summary>Every metric, in a stable order (classification, regression, ranking, survival, text).</summary>
    public static IReadOnlyList<MetricInfo> All { get; } = Array.AsReadOnly(Entries.Select(e => e.Info).ToArray());

    /// <summary>Creates a metric by its snake_case name.</summary>
    /// <param name="name">A name from <see cref="All"/>; matching is exact (case-sensitive).</param>
    /// <param name="parameters">Metric parameters as read from YAML: values may be strings, integers or doubles and are parsed invariantly.</param>
    /// <exception cref="ArgumentException">The name is unknown, a parameter is not accepted by the metric, a required one is missing, or a value is invalid.</exception>
    public static IMetric Create(string name, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!ByName.TryGetValue(name, out Entry? entry))
        {
            throw new ArgumentException(
                $"unknown metric '{name}'; known metrics: {string.Join(", ", Entries.Select(e => e.Info.Name))}", nameof(name));
        }

        return entry.Factory(new MetricParameters(entry.Info, parameters));
    }

    /// <summary>The direction of a metric without creating it (used to check <c>higher_is_better</c> in a spec).</summary>
    public static bool TryGetDirection(string name, out bool higherIsBetter)
    {
        bool found = TryGetInfo(name, out MetricInfo? info);
        higherIsBetter = found && info!.HigherIsBetter;
        return found;
    }

    /// <summary>Everything the registry knows about a metric without creating it.</summary>
    public static bool TryGetInfo(string name, [NotNullWhen(true)] out MetricInfo? info)
    {
        if (name is not null && ByName.TryGetValue(name, out Entry? entry))
        {
            info = entry.Info;
            return true;
        }

        info = null;
        return false;
    }

    private sealed record Entry(MetricInfo Info, Func<MetricParameters, IMetric> Factory);
}
