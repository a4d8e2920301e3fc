using MleDojo.Core.Grading;

namespace MleDojo.Core.Tests.Grading;

public sealed class LeaderboardTests
{
    private static Leaderboard Linear(int teams, bool higherIsBetter = true) =>
        new(Enumerable.Range(1, teams).Select(i => (double)i), higherIsBetter);

    [Theory]
    [InlineData(50, 5, 10, 20)]      // under 100: 10%, 20%, 40%
    [InlineData(5, 1, 1, 2)]         // tiny: max(1, ...)
    [InlineData(150, 10, 30, 60)]    // 100-249: gold fixed at 10
    [InlineData(500, 11, 50, 100)]   // 250-999: 10 + 0.2%, 50, 100
    [InlineData(2000, 14, 100, 200)] // 1000+: 10 + 0.2%, 5%, 10%
    public void Positions_FollowMleBenchBands(int teams, int gold, int silver, int bronze) =>
        Assert.Equal((gold, silver, bronze), MedalThresholds.Positions(teams));

    [Theory]
    [InlineData(50, 46.0, "Gold")]     // gold position 5 holds score 46 (best-first 50..1)
    [InlineData(50, 45.9, "Silver")]
    [InlineData(50, 31.0, "Bronze")]
    [InlineData(50, 30.9, "None")]
    [InlineData(150, 141.0, "Gold")]
    [InlineData(150, 121.0, "Silver")]
    [InlineData(150, 91.0, "Bronze")]
    [InlineData(500, 490.0, "Gold")]
    [InlineData(500, 451.0, "Silver")]
    [InlineData(500, 401.0, "Bronze")]
    [InlineData(500, 400.5, "None")]
    [InlineData(2000, 1987.0, "Gold")]
    [InlineData(2000, 1901.0, "Silver")]
    [InlineData(2000, 1801.0, "Bronze")]
    [InlineData(2000, 1800.0, "None")]
    public void MedalFor_HigherIsBetter_GoldenValues(int teams, double score, string medal)
    {
        var board = Linear(teams);
        Assert.Equal(Enum.Parse<Medal>(medal), board.Thresholds().MedalFor(score, higherIsBetter: true));
    }

    [Fact]
    public void MedalFor_LowerIsBetter_UsesTheLowestScoresAsBest()
    {
        var board = Linear(50, higherIsBetter: false);
        var thresholds = board.Thresholds();

        Assert.Equal(5.0, thresholds.Gold);
        Assert.Equal(Medal.Gold, thresholds.MedalFor(5.0, higherIsBetter: false));
        Assert.Equal(Medal.Silver, thresholds.MedalFor(5.1, higherIsBetter: false));
        Assert.Equal(Medal.None, thresholds.MedalFor(20.5, higherIsBetter: false));
    }

    [Fact]
    public void PositionScore_IsOneMinusStrictlyBetterOverN()
    {
        var board = new Leaderboard([0.9, 0.8, 0.8, 0.7], higherIsBetter: true);

        Assert.Equal(1.0, board.PositionScore(0.95));
        Assert.Equal(0.75, board.PositionScore(0.8));   // one strictly better; ties are not better
        Assert.Equal(0.0, board.PositionScore(0.1));
    }

    [Fact]
    public void AboveMedian_IsStrict()
    {
        var board = new Leaderboard([1, 2, 3, 4, 5], higherIsBetter: true);

        Assert.Equal(3.0, board.Median);
        Assert.False(board.IsBetter(3.0, board.Median));
        Assert.True(board.IsBetter(3.01, board.Median));
    }
}
