using MleDojo.Core.Metrics;

namespace MleDojo.Core.Tests.Metrics;

public sealed class RegressionMetricTests
{
    [Fact]
    public void Rmse_Random_MatchesSklearn() => ReferenceData.AssertCase("rmse/random");

    [Fact]
    public void Rmse_SklearnDocExample_MatchesSklearn() => ReferenceData.AssertCase("rmse/sklearn_doc_example");

    [Fact]
    public void Rmse_Perfect_IsZero() => ReferenceData.AssertCase("rmse/perfect");

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(33)]
    public void Rmse_AnyLength_MatchesScalarLoop(int rows)
    {
        // Lengths around the vector width exercise the vector body and the scalar tail.
        var random = new Random(rows);
        double[] truth = [.. Enumerable.Range(0, rows).Select(_ => random.NextDouble() * 100)];
        double[] predicted = [.. truth.Select(t => t + random.NextDouble() - 0.5)];
        double expected = Math.Sqrt(truth.Zip(predicted, (t, p) => (t - p) * (t - p)).Sum() / rows);
        double actual = MetricRegistry.Create("rmse").Score(Inputs.Value(truth, predicted));
        ReferenceData.AssertClose(expected, actual, 1e-12, "rmse");
        double mae = MetricRegistry.Create("mae").Score(Inputs.Value(truth, predicted));
        ReferenceData.AssertClose(truth.Zip(predicted, (t, p) => Math.Abs(t - p)).Sum() / rows, mae, 1e-12, "mae");
    }

    [Fact]
    public void Rmse_InfiniteOrNaNPrediction_ThrowsNotFinite()
    {
        IMetric rmse = MetricRegistry.Create("rmse");
        Assert.Throws<MetricException>(() => rmse.Score(Inputs.Value([1, 2], [1, double.NaN])));
        Assert.Throws<MetricException>(() => rmse.Score(Inputs.Value([1, 2], [1, double.PositiveInfinity])));
    }

    [Fact]
    public void Mae_MatchesSklearn()
    {
        ReferenceData.AssertCase("mae/random");
        ReferenceData.AssertCase("mae/sklearn_doc_example");
    }

    [Fact]
    public void MedianAe_EvenCount_AveragesMiddlePairLikeSklearn()
    {
        ReferenceData.AssertCase("median_ae/even_count");
        ReferenceData.AssertCase("median_ae/even_count_random");
    }

    [Fact]
    public void MedianAe_OddCount_MatchesSklearn() => ReferenceData.AssertCase("median_ae/odd_count_random");

    [Fact]
    public void Rmsle_Random_MatchesSklearn() => ReferenceData.AssertCase("rmsle/random");

    [Fact]
    public void Rmsle_NegativeValues_ThrowNamingTheProblem()
    {
        ReferenceData.AssertCase("rmsle/negative_prediction");
        ReferenceData.AssertCase("rmsle/negative_truth");
    }

    [Fact]
    public void R2_MatchesSklearn()
    {
        ReferenceData.AssertCase("r2/sklearn_doc_example");
        ReferenceData.AssertCase("r2/random");
        ReferenceData.AssertCase("r2/negative");
    }

    [Fact]
    public void R2_ConstantTruthPerfect_IsOneLikeSklearn() => ReferenceData.AssertCase("r2/constant_truth_perfect");

    [Fact]
    public void R2_ConstantTruthImperfect_IsZeroLikeSklearn() => ReferenceData.AssertCase("r2/constant_truth_imperfect");

    [Fact]
    public void R2_ConstantTruthNotExactlyRepresentable_IsZeroNotSklearnsRoundingArtefact()
    {
        ReferenceCase c = ReferenceData.Get("r2/constant_truth_not_representable");
        ReferenceData.AssertCase(c);
        Assert.Contains("e+31", c.ReferenceBehaviour, StringComparison.Ordinal);
    }

    [Fact]
    public void R2_SingleRow_Throws() => ReferenceData.AssertCase("r2/single_row");

    [Fact]
    public void Rmspe_ZeroTruthRowsExcluded_MatchesKaggleFormula() => ReferenceData.AssertCase("rmspe/with_zero_truth_rows");

    [Fact]
    public void Rmspe_AllTruthZero_Throws() => ReferenceData.AssertCase("rmspe/all_truth_zero");

    [Fact]
    public void Smape_ZerosAndZeroOverZero_MatchesKaggleFormula()
    {
        ReferenceData.AssertCase("smape/with_zeros");
        ReferenceData.AssertCase("smape/fixed_signed");
    }

    [Fact]
    public void Smape_AllZero_IsZero()
    {
        double score = MetricRegistry.Create("smape").Score(Inputs.Value([0, 0], [0, 0]));
        Assert.Equal(0.0, score);
    }

    [Fact]
    public void Mcrmse_ThreeTargets_MatchesSklearn() => ReferenceData.AssertCase("mcrmse/three_targets");

    [Fact]
    public void Mcrmse_SingleTarget_EqualsRmse() => ReferenceData.AssertCase("mcrmse/single_target_equals_rmse");

    [Fact]
    public void Mcrmse_ColumnCountMismatch_Throws()
    {
        var input = new MetricInput { RowCount = 1, TrueColumns = [[1.0], [2.0]], PredictedColumns = [[1.0]] };
        Assert.Throws<MetricException>(() => MetricRegistry.Create("mcrmse").Score(input));
    }

    [Fact]
    public void Pearson_MatchesScipy()
    {
        ReferenceData.AssertCase("pearson/random");
        ReferenceData.AssertCase("pearson/perfect_negative");
    }

    [Fact]
    public void Pearson_ConstantInput_ThrowsInsteadOfNaN()
    {
        ReferenceData.AssertCase("pearson/constant_prediction");
        ReferenceData.AssertCase("pearson/constant_truth");
    }

    [Fact]
    public void Pearson_SingleRow_Throws() => ReferenceData.AssertCase("pearson/single_row");

    [Fact]
    public void Spearman_Ties_MatchesScipy() => ReferenceData.AssertCase("spearman/ties");

    [Fact]
    public void Spearman_NoTiesAndMonotonic_MatchesScipy()
    {
        ReferenceData.AssertCase("spearman/no_ties");
        ReferenceData.AssertCase("spearman/monotonic");
    }

    [Fact]
    public void Spearman_ConstantInput_ThrowsInsteadOfNaN() => ReferenceData.AssertCase("spearman/constant_prediction");
}
