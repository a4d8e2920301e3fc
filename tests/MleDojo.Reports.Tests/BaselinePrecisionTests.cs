namespace MleDojo.Reports.Tests;

public sealed class BaselinePrecisionTests
{
    [Theory]
    [InlineData(0.62545454, 0.625455, 0.625455)] // titanic's baseline solution against its recorded G6 figure
    [InlineData(0.625454, 0.625455, 0.625454)] // outside half a unit of the sixth digit: a real difference
    [InlineData(2.098114, 2.09811, 2.09811)]
    [InlineData(2.098116, 2.09811, 2.098116)]
    [InlineData(0.5, 0.5, 0.5)]
    public void Snap_ScoreNearRecordedBaseline_IsTheBaselineOnlyWithinItsRounding(double score, double baseline, double expected)
    {
        Assert.Equal(expected, BaselinePrecision.Snap(score, baseline));
    }

    [Fact]
    public void Snap_NoBaseline_LeavesTheScore()
    {
        Assert.Equal(0.1234567, BaselinePrecision.Snap(0.1234567, null));
    }
}
