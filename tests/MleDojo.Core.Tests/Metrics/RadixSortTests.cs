using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Tests.Metrics;

public sealed class RadixSortTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(100)]
    [InlineData(10_000)]
    public void Sort_MatchesNumericOrder_IncludingNegativesZerosAndInfinities(int length)
    {
        var random = new Random(length);
        double[] special = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue];
        double[] values = [.. Enumerable.Range(0, length).Select(i => i % 7 == 0 ? special[i % special.Length] : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30)))];
        ulong[] keys = [.. values.Select(RadixSort.Key)];
        ulong[] scratch = new ulong[length];

        RadixSort.Sort(keys, scratch);

        double[] expected = [.. values.Select(v => v + 0.0).Order()];
        ulong[] expectedKeys = [.. expected.Select(RadixSort.Key)];
        Assert.Equal(expectedKeys, keys);
    }

    [Fact]
    public void Key_FoldsNegativeZeroOntoZero() => Assert.Equal(RadixSort.Key(0.0), RadixSort.Key(-0.0));

    [Fact]
    public void SortWithItems_IsStableForTiedKeys()
    {
        var random = new Random(5);
        int n = 5000;
        double[] values = [.. Enumerable.Range(0, n).Select(_ => (double)random.Next(0, 20))];
        ulong[] keys = [.. values.Select(RadixSort.DescendingKey)];
        int[] rows = [.. Enumerable.Range(0, n)];

        RadixSort.Sort(keys, rows, new ulong[n], new int[n]);

        int[] expected = [.. Enumerable.Range(0, n).OrderByDescending(i => values[i]).ThenBy(i => i)];
        Assert.Equal(expected, rows);
    }
}
