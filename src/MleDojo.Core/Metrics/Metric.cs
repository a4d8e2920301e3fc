namespace MleDojo.Core.Metrics;

/// <summary>
/// Base of every metric: the empty-input and finite-score rules live here once, so no metric can
/// forget them and the grader never records NaN or infinity as a score.
/// </summary>
internal abstract class Metric(MetricInfo info) : IMetric
{
    public string Name { get; } = info.Name;

    public bool HigherIsBetter { get; } = info.HigherIsBetter;

    public PredictionKind Kind { get; } = info.Kind;

    public double Score(MetricInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.RowCount <= 0)
        {
            throw new MetricException("no rows to score");
        }

        double score = Compute(input);
        if (!double.IsFinite(score))
        {
            throw new MetricException(
                $"{Name}: the score is not a finite number ({score}); the input holds NaN, infinite or overflowing values");
        }

        return score;
    }

    /// <summary>Computes the score; <see cref="MetricInput.RowCount"/> is at least 1 here.</summary>
    protected abstract double Compute(MetricInput input);
}
