using MleDojo.Reports.Statistics;

namespace MleDojo.Reports.Tests.Statistics;

public sealed class MeanAndErrorTests
{
    [Fact]
    public void Of_EightValues_GivesMeanAndSampleStandardError()
    {
        // 2, 4, 4, 4, 5, 5, 7, 9: sum 40, mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32;
        // sample variance 32/7; standard error sqrt(32/7) / sqrt(8) = sqrt(4/7).
        MeanAndError result = MeanAndError.Of([2, 4, 4, 4, 5, 5, 7, 9]);

        Assert.Equal(5, result.Mean, 12);
        Assert.NotNull(result.StandardError);
        Assert.Equal(Math.Sqrt(4.0 / 7.0), result.StandardError.Value, 12);
        Assert.Equal(8, result.Count);
    }

    [Fact]
    public void Of_TwoValues_UsesNMinusOne()
    {
        // 1 and 3: mean 2, sample standard deviation sqrt(((1-2)² + (3-2)²) / 1) = sqrt(2), error sqrt(2)/sqrt(2) = 1.
        MeanAndError result = MeanAndError.Of([1, 3]);

        Assert.Equal(2, result.Mean, 12);
        Assert.Equal(1, result.StandardError!.Value, 12);
    }

    [Fact]
    public void Of_LargeCloseValues_KeepsPrecision()
    {
        // 1e9 + 1, 1e9 + 3: the same spread as 1 and 3, so the same error of 1.
        MeanAndError result = MeanAndError.Of([1e9 + 1, 1e9 + 3]);

        Assert.Equal(1e9 + 2, result.Mean, 6);
        Assert.Equal(1, result.StandardError!.Value, 9);
    }

    [Fact]
    public void Of_OneValue_HasNoStandardError()
    {
        MeanAndError result = MeanAndError.Of([0.75]);

        Assert.Equal(0.75, result.Mean);
        Assert.Null(result.StandardError);
        Assert.Equal(1, result.Count);
    }

    [Fact]
    public void Of_NoValues_ThrowsArgumentException()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => MeanAndError.Of([]));

        Assert.Contains("at least one value", error.Message, StringComparison.Ordinal);
    }
}
