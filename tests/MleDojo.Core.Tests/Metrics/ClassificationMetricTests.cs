using MleDojo.Core.Metrics;

namespace MleDojo.Core.Tests.Metrics;

public sealed class ClassificationMetricTests
{
    [Fact]
    public void Accuracy_Multiclass_MatchesSklearn() => ReferenceData.AssertCase("accuracy/multiclass_fixed");

    [Fact]
    public void Accuracy_BinaryRandom_MatchesSklearn() => ReferenceData.AssertCase("accuracy/binary_random");

    [Fact]
    public void RocAuc_SklearnDocExample_MatchesSklearn() => ReferenceData.AssertCase("roc_auc/sklearn_doc_example");

    [Fact]
    public void RocAuc_TiedScores_MatchesSklearn() => ReferenceData.AssertCase("roc_auc/tied_scores");

    [Fact]
    public void RocAuc_AllScoresTied_MatchesSklearn() => ReferenceData.AssertCase("roc_auc/all_scores_tied");

    [Fact]
    public void RocAuc_Imbalanced_MatchesSklearn() => ReferenceData.AssertCase("roc_auc/imbalanced");

    [Fact]
    public void RocAuc_UnboundedScoresAndSignedZero_MatchesSklearn() =>
        ReferenceData.AssertCase("roc_auc/unbounded_scores_signed_zero");

    [Fact]
    public void RocAuc_SingleClass_ThrowsOnlyOneClassLikeSklearn() => ReferenceData.AssertCase("roc_auc/single_class");

    [Fact]
    public void RocAuc_NonBinaryTruth_Throws() => ReferenceData.AssertCase("roc_auc/non_binary_truth");

    [Fact]
    public void RocAuc_NaNScore_Throws()
    {
        MetricInput input = Inputs.Probability([0, 1, 1], [0.2, double.NaN, 0.4]);
        MetricException ex = Assert.Throws<MetricException>(() => MetricRegistry.Create("roc_auc").Score(input));
        Assert.Contains("NaN", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 50, 0.5)]
    [InlineData(2, 300, 1.0)]
    [InlineData(3, 1000, 0.01)]
    public void RocAuc_RandomTiedScores_EqualsPairwiseDefinition(int seed, int rows, double scoreStep)
    {
        var random = new Random(seed);
        double[] truth = [.. Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.3 ? 1.0 : 0.0)];
        double[] scores = [.. Enumerable.Range(0, rows).Select(_ => Math.Round(random.NextDouble() * 10 / scoreStep) * scoreStep - 5)];
        truth[0] = 1;
        truth[1] = 0;

        double wins = 0;
        int pairs = 0;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < rows; j++)
            {
                if (truth[i] == 1 && truth[j] == 0)
                {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }

        double auc = MetricRegistry.Create("roc_auc").Score(Inputs.Probability(truth, scores));
        ReferenceData.AssertClose(wins / pairs, auc, 1e-12, "pairwise AUC");
    }

    [Fact]
    public void RocAucOvr_ThreeClasses_MatchesSklearn() => ReferenceData.AssertCase("roc_auc_ovr/three_class_fixed");

    [Fact]
    public void RocAucOvr_FourClassRandom_MatchesSklearn() => ReferenceData.AssertCase("roc_auc_ovr/four_class_random");

    [Fact]
    public void RocAucOvr_TiedProbabilities_MatchesSklearn() => ReferenceData.AssertCase("roc_auc_ovr/tied_probabilities");

    [Fact]
    public void RocAucOvr_Imbalanced_MatchesSklearn() => ReferenceData.AssertCase("roc_auc_ovr/imbalanced");

    [Fact]
    public void RocAucOvr_ClassAbsentFromTruth_ThrowsOnlyOneClassLikeSklearn() =>
        ReferenceData.AssertCase("roc_auc_ovr/class_absent_from_truth");

    [Fact]
    public void RocAucOvr_LabelNotAClass_Throws() => ReferenceData.AssertCase("roc_auc_ovr/label_not_a_class");

    [Fact]
    public void LogLoss_Fixed_MatchesSklearn() => ReferenceData.AssertCase("log_loss/fixed");

    [Fact]
    public void LogLoss_Random_MatchesSklearn() => ReferenceData.AssertCase("log_loss/random");

    [Fact]
    public void LogLoss_ZeroAndOneProbabilities_ClippedLikeSklearn() =>
        ReferenceData.AssertCase("log_loss/extreme_probabilities_clipped");

    [Fact]
    public void LogLoss_EpsParameter_MatchesSklearn() => ReferenceData.AssertCase("log_loss/eps_parameter");

    [Fact]
    public void LogLoss_SingleClassTruth_IsDefined() => ReferenceData.AssertCase("log_loss/single_class_truth");

    [Fact]
    public void LogLoss_NonBinaryTruth_Throws() => ReferenceData.AssertCase("log_loss/non_binary_truth");

    [Fact]
    public void MulticlassLogLoss_SklearnDocExample_MatchesSklearn() =>
        ReferenceData.AssertCase("multiclass_log_loss/sklearn_doc_example");

    [Fact]
    public void MulticlassLogLoss_FiveClassRandom_MatchesSklearn() =>
        ReferenceData.AssertCase("multiclass_log_loss/five_class_random");

    [Fact]
    public void MulticlassLogLoss_UnnormalisedRows_RenormalisedLikeSklearn() =>
        ReferenceData.AssertCase("multiclass_log_loss/unnormalised_rows");

    [Fact]
    public void MulticlassLogLoss_ZeroProbability_ClippedLikeSklearn() =>
        ReferenceData.AssertCase("multiclass_log_loss/zero_probability_clipped");

    [Fact]
    public void MulticlassLogLoss_EpsParameter_MatchesSklearn() =>
        ReferenceData.AssertCase("multiclass_log_loss/eps_parameter");

    [Fact]
    public void MulticlassLogLoss_LabelNotAClass_Throws() =>
        ReferenceData.AssertCase("multiclass_log_loss/label_not_a_class");

    [Fact]
    public void F1_Binary_MatchesSklearn()
    {
        ReferenceData.AssertCase("f1/binary_fixed");
        ReferenceData.AssertCase("f1/binary_random");
    }

    [Fact]
    public void F1_MacroMulticlass_MatchesSklearn() => ReferenceData.AssertCase("f1/macro_multiclass");

    [Fact]
    public void F1_MicroMulticlass_MatchesSklearn() => ReferenceData.AssertCase("f1/micro_multiclass");

    [Fact]
    public void F1_MacroWithLabelOnlyPredicted_MatchesSklearn() => ReferenceData.AssertCase("f1/macro_label_only_predicted");

    [Fact]
    public void F1_PositiveLabelParameter_MatchesSklearn()
    {
        ReferenceData.AssertCase("f1/positive_label_parameter");
        ReferenceData.AssertCase("f1/positive_label_no");
    }

    [Fact]
    public void F1_NoPositivePredictions_IsZeroLikeSklearn() => ReferenceData.AssertCase("f1/no_positive_predictions");

    [Fact]
    public void F1_BinaryAverageWithThreeLabels_ThrowsLikeSklearn() =>
        ReferenceData.AssertCase("f1/binary_average_multiclass_input");

    [Fact]
    public void F1_PositiveLabelAbsent_ThrowsLikeSklearn() => ReferenceData.AssertCase("f1/positive_label_absent");

    [Fact]
    public void FBeta_Beta2Binary_MatchesSklearn() => ReferenceData.AssertCase("fbeta/binary_beta_2");

    [Fact]
    public void FBeta_BetaHalfMacro_MatchesSklearn() => ReferenceData.AssertCase("fbeta/macro_beta_half");

    [Fact]
    public void FBeta_Beta3Micro_MatchesSklearn() => ReferenceData.AssertCase("fbeta/micro_beta_3");

    [Fact]
    public void FBeta_NoPositivePredictions_IsZeroLikeSklearn() => ReferenceData.AssertCase("fbeta/no_positive_predictions");

    [Fact]
    public void FBeta_Beta1_EqualsF1()
    {
        ReferenceCase c = ReferenceData.Get("f1/macro_multiclass");
        double f1 = MetricRegistry.Create("f1", new Dictionary<string, object?> { ["average"] = "macro" }).Score(c.ToInput());
        double fbeta = MetricRegistry.Create("fbeta", new Dictionary<string, object?> { ["beta"] = 1, ["average"] = "macro" }).Score(c.ToInput());
        Assert.Equal(f1, fbeta);
    }

    [Fact]
    public void Mcc_Binary_MatchesSklearn() => ReferenceData.AssertCase("mcc/binary_random");

    [Fact]
    public void Mcc_Multiclass_MatchesSklearn() => ReferenceData.AssertCase("mcc/multiclass_random");

    [Fact]
    public void Mcc_DegenerateConfusionMatrix_IsZeroLikeSklearn()
    {
        ReferenceData.AssertCase("mcc/degenerate_constant_prediction");
        ReferenceData.AssertCase("mcc/degenerate_single_label");
    }

    [Fact]
    public void Mcc_PerfectAndInverse_AreOneAndMinusOne()
    {
        ReferenceData.AssertCase("mcc/perfect");
        ReferenceData.AssertCase("mcc/inverse");
    }

    [Fact]
    public void NormalizedGini_BinaryWithoutTies_Equals2AucMinus1()
    {
        ReferenceCase c = ReferenceData.Get("normalized_gini/binary_no_ties");
        ReferenceData.AssertCase(c);
        double gini = MetricRegistry.Create("normalized_gini").Score(c.ToInput());
        double auc = MetricRegistry.Create("roc_auc").Score(c.ToInput());
        ReferenceData.AssertClose((2 * auc) - 1, gini, 1e-12, "normalized Gini vs 2 * AUC - 1");
    }

    [Fact]
    public void NormalizedGini_TiedPredictions_MatchesKaggleClassicFormula()
    {
        ReferenceData.AssertCase("normalized_gini/binary_ties_kaggle_order");
        ReferenceData.AssertCase("normalized_gini/classic_formula_small_ties");
    }

    [Fact]
    public void NormalizedGini_TiedPredictions_FollowRowOrderNotAuc()
    {
        // Kaggle's kernel breaks ties by row order, so swapping two tied rows with different truth changes the score.
        double[] truth = [1, 0, 0, 1];
        double[] scores = [0.5, 0.5, 0.1, 0.9];
        double original = MetricRegistry.Create("normalized_gini").Score(Inputs.Probability(truth, scores));
        double swapped = MetricRegistry.Create("normalized_gini").Score(Inputs.Probability([0, 1, 0, 1], scores));
        Assert.NotEqual(original, swapped);
    }

    [Fact]
    public void NormalizedGini_ContinuousTarget_MatchesKaggleFormula() => ReferenceData.AssertCase("normalized_gini/continuous_target");

    [Fact]
    public void NormalizedGini_SingleClass_ThrowsOnlyOneClass() => ReferenceData.AssertCase("normalized_gini/single_class");
}
