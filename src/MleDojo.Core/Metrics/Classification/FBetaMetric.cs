namespace MleDojo.Core.Metrics.Classification;

internal sealed class FBetaMetric(double beta, FScoreAverage average, string positiveLabel) : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "fbeta", true, PredictionKind.Label,
        [
            new("beta", "number", true, null, "weight of recall relative to precision, >= 0 (2 favours recall)"),
            FScore.AverageInfo,
            FScore.PositiveLabelInfo,
        ],
        "F-beta score, binary, macro or micro averaged like sklearn fbeta_score.");

    internal static FBetaMetric Create(MetricParameters parameters)
    {
        double beta = parameters.GetDouble("beta", double.NaN, b => b >= 0, "a number >= 0");
        (FScoreAverage average, string positiveLabel) = FScore.ReadOptions(parameters);
        return new FBetaMetric(beta, average, positiveLabel);
    }

    protected override double Compute(MetricInput input) => FScore.Compute(input, Name, beta, average, positiveLabel);
}
