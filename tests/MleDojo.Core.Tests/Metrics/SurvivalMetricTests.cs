using MleDojo.Core.Metrics;

namespace MleDojo.Core.Tests.Metrics;

/// <summary><c>concordance_index</c> (Harrell's C) against R's survival::concordance and its pair-by-pair definition.</summary>
public sealed class SurvivalMetricTests
{
    [Fact]
    public void ConcordanceIndex_HandWorkedTies_MatchesR() => ReferenceData.AssertCase("concordance_index/hand_worked_ties");

    [Fact]
    public void ConcordanceIndex_ManyTiesInTimeAndRisk_MatchesR() =>
        ReferenceData.AssertCase("concordance_index/integer_times_and_risks_many_ties");

    [Fact]
    public void ConcordanceIndex_AllCensored_ThrowsUndefined() => ReferenceData.AssertCase("concordance_index/all_censored");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ConcordanceIndex_RandomInputsWithTies_EqualsPairByPairDefinition(int seed)
    {
        var random = new Random(seed);
        int n = 60 + (seed * 37);
        double[] time = [.. Enumerable.Range(0, n).Select(_ => (double)random.Next(1, 12))];
        double[] status = [.. Enumerable.Range(0, n).Select(_ => random.Next(3) == 0 ? 0.0 : 1.0)];
        double[] risk = [.. Enumerable.Range(0, n).Select(_ => random.Next(-3, 4) * 0.5)];

        double score = Score(time, status, risk);

        Assert.Equal(BruteForce(time, status, risk), score, 12);
    }

    [Fact]
    public void ConcordanceIndex_RiskOrderedLikeEvents_IsOneAndReversedIsZero()
    {
        double[] time = [1, 2, 3, 4, 5];
        double[] status = [1, 1, 0, 1, 0];

        Assert.Equal(1.0, Score(time, status, [5, 4, 3, 2, 1]));
        Assert.Equal(0.0, Score(time, status, [1, 2, 3, 4, 5]));
    }

    [Fact]
    public void ConcordanceIndex_NegativeZeroRisk_TiesWithZero()
    {
        Assert.Equal(0.5, Score([1, 2], [1, 1], [-0.0, 0.0]));
    }

    [Theory]
    [InlineData(2.0, 0.0, "event in row 1")]
    [InlineData(1.0, double.NaN, "risk in row 0")]
    public void ConcordanceIndex_BadEventOrRisk_ThrowsNamingTheRow(double event1, double risk0, string expected)
    {
        var ex = Assert.Throws<MetricException>(() => Score([1, 2, 3], [1, event1, 0], [risk0, 1, 2]));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConcordanceIndex_OneAnswerColumn_ThrowsAskingForTimeAndEvent()
    {
        var input = new MetricInput { RowCount = 2, TrueColumns = [[1, 2]], PredictedValues = [0, 1] };

        var ex = Assert.Throws<MetricException>(() => MetricRegistry.Create("concordance_index").Score(input));

        Assert.Contains("time then event", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConcordanceIndex_Info_DeclaresTimeAndEventAnswerColumns()
    {
        Assert.True(MetricRegistry.TryGetInfo("concordance_index", out var info));
        Assert.Equal(["time", "event"], info.AnswerColumns);
        Assert.True(info.HigherIsBetter);
        Assert.Equal(PredictionKind.Value, info.Kind);
    }

    private static double Score(double[] time, double[] status, double[] risk) =>
        MetricRegistry.Create("concordance_index").Score(new MetricInput { RowCount = time.Length, TrueColumns = [time, status], PredictedValues = risk });

    /// <summary>Harrell's definition pair by pair, with R's rules for tied times.</summary>
    private static double BruteForce(double[] time, double[] status, double[] risk)
    {
        double agree = 0;
        long comparable = 0;
        for (int i = 0; i < time.Length; i++)
        {
            for (int j = 0; j < time.Length; j++)
            {
                // i had the event first: strictly earlier, or at the same time as a censored j.
                bool first = status[i] == 1 && (time[i] < time[j] || (time[i] == time[j] && status[j] == 0));
                if (first)
                {
                    comparable++;
                    agree += risk[i] > risk[j] ? 1 : risk[i] == risk[j] ? 0.5 : 0;
                }
            }
        }

        return agree / comparable;
    }
}
