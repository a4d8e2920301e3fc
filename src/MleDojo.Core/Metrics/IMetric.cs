namespace MleDojo.Core.Metrics;

/// <summary>A scoring function with a declared direction, computed in the server process, never in the sandbox.</summary>
public interface IMetric
{
    /// <summary>Registry name, snake_case (for example <c>roc_auc</c>).</summary>
    string Name { get; }

    /// <summary>True when a larger score is better.</summary>
    bool HigherIsBetter { get; }

    /// <summary>The shape of prediction this metric consumes.</summary>
    PredictionKind Kind { get; }

    /// <summary>Scores aligned answers and predictions. Throws <see cref="MetricException"/> when the input is undefined for the metric.</summary>
    double Score(MetricInput input);
}
