namespace MleDojo.Core.Metrics.Classification;

internal sealed class F1Metric(FScoreAverage average, string positiveLabel) : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "f1", true, PredictionKind.Label, [FScore.AverageInfo, FScore.PositiveLabelInfo],
        "F1 score (harmonic mean of precision and recall), binary, macro or micro averaged like sklearn f1_score.");

    internal static F1Metric Create(MetricParameters parameters)
    {
        (FScoreAverage average, string positiveLabel) = FScore.ReadOptions(parameters);
        return new F1Metric(average, positiveLabel);
    }

    protected override double Compute(MetricInput input) => FScore.Compute(input, Name, 1.0, average, positiveLabel);
}
