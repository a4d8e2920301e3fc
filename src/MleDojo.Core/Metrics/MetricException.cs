namespace MleDojo.Core.Metrics;

/// <summary>A metric cannot be computed on this input (for example ROC-AUC when only one class is present).</summary>
public sealed class MetricException(string message) : DojoException("metric_failed", message);
