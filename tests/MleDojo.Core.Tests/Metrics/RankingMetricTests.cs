using MleDojo.Core.Metrics;

namespace MleDojo.Core.Tests.Metrics;

public sealed class RankingMetricTests
{
    [Fact]
    public void TopKError_DefaultK5_MatchesFormula() => ReferenceData.AssertCase("top_k_error/default_k_5");

    [Fact]
    public void TopKError_K1_MatchesFormula() => ReferenceData.AssertCase("top_k_error/k_1");

    [Fact]
    public void TopKError_ShortListsAndDuplicates_MatchesFormula() =>
        ReferenceData.AssertCase("top_k_error/short_lists_duplicates_k_3");

    [Fact]
    public void Qwk_FixedGrades_MatchesSklearn() => ReferenceData.AssertCase("qwk/fixed_grades");

    [Fact]
    public void Qwk_RandomGrades_MatchesSklearn() => ReferenceData.AssertCase("qwk/random_six_grades");

    [Fact]
    public void Qwk_NonContiguousGrades_WeighsGradeDifferencesLikeKaggle() =>
        ReferenceData.AssertCase("qwk/non_contiguous_grades");

    [Fact]
    public void Qwk_NegativeAndDecimalIntegerLabels_Parsed() =>
        ReferenceData.AssertCase("qwk/negative_and_decimal_integer_labels");

    [Fact]
    public void Qwk_SingleGrade_ThrowsUndefined() => ReferenceData.AssertCase("qwk/single_grade");

    [Fact]
    public void Qwk_NonIntegerLabel_Throws() => ReferenceData.AssertCase("qwk/non_integer_label");

    [Fact]
    public void Qwk_PerfectAgreement_IsOne()
    {
        double score = MetricRegistry.Create("qwk").Score(Inputs.Labels(["1", "2", "3"], ["1", "2", "3"]));
        Assert.Equal(1.0, score);
    }

    [Fact]
    public void MapAtK_SingleTruth_MatchesKaggleApk() => ReferenceData.AssertCase("map_at_k/single_truth_k_5");

    [Fact]
    public void MapAtK_MultiTruthAndDuplicates_MatchesKaggleApk() =>
        ReferenceData.AssertCase("map_at_k/multi_truth_duplicates_k_3");

    [Fact]
    public void MapAtK_MultiTruthRandom_MatchesKaggleApk() => ReferenceData.AssertCase("map_at_k/multi_truth_random_k_12");

    [Fact]
    public void MapAtK_HandWorkedRow_MatchesDefinition()
    {
        // Relevant {a, b}; predictions "x a y b": hits at positions 2 and 4 give (1/2 + 2/4) / min(2, 5) = 0.5.
        IMetric metric = MetricRegistry.Create("map_at_k", new Dictionary<string, object?> { ["k"] = 5 });
        Assert.Equal(0.5, metric.Score(Inputs.Labels(["a b"], ["x a y b"])), 15);
    }

    [Fact]
    public void NdcgAtK_MultiTruth_MatchesSklearn() => ReferenceData.AssertCase("ndcg_at_k/multi_truth_k_5");

    [Fact]
    public void NdcgAtK_SingleTruth_MatchesSklearn() => ReferenceData.AssertCase("ndcg_at_k/single_truth_k_3");

    [Fact]
    public void NdcgAtK_ShortListsAndDuplicates_MatchesDocumentedFormula() =>
        ReferenceData.AssertCase("ndcg_at_k/short_lists_duplicates_k_5");

    [Fact]
    public void NdcgAtK_HandWorkedRow_MatchesDefinition()
    {
        // Relevant {a}; predicted second: 1 / log2(3) over the ideal 1 / log2(2) = 1.
        IMetric metric = MetricRegistry.Create("ndcg_at_k", new Dictionary<string, object?> { ["k"] = "3" });
        Assert.Equal(1.0 / Math.Log2(3), metric.Score(Inputs.Labels(["a"], ["b a c"])), 15);
    }
}
