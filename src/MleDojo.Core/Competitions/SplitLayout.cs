using System.Globalization;
using MleDojo.Core.Data;

namespace MleDojo.Core.Competitions;

/// <summary>Which raw rows go to train and test, their fresh ids, and which test rows are public.</summary>
internal sealed record SplitLayout(List<string[]> Train, List<string[]> Test, string[] TrainIds, string[] TestIds, bool[] IsPublic)
{
    // Separate streams for the split and the partition, so changing public_fraction never moves a row between train and test.
    private const ulong PartitionStream = 0x5055424C49435EEDUL;

    public static SplitLayout Create(CompetitionSpec spec, RawTable table)
    {
        var split = spec.Split;
        List<string[]> ordered;
        int testCount;
        if (split.TimeColumn is { } timeColumn)
        {
            ordered = OrderByTime(table, table.IndexOf(timeColumn));
            testCount = split.TimeCut is { } cut
                ? ordered.Count(r => CompareTime(r[table.IndexOf(timeColumn)], cut) >= 0)
                : (int)Math.Round(ordered.Count * split.TestFraction, MidpointRounding.AwayFromZero);
        }
        else
        {
            ordered = [.. table.Rows];
            new SplitMix64(split.Seed).Shuffle(ordered);
            testCount = (int)Math.Round(ordered.Count * split.TestFraction, MidpointRounding.AwayFromZero);
        }

        testCount = Math.Clamp(testCount, 2, ordered.Count - 2);
        var train = ordered.GetRange(0, ordered.Count - testCount);
        var test = ordered.GetRange(ordered.Count - testCount, testCount);

        var trainIds = Enumerable.Range(1, train.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var testIds = Enumerable.Range(train.Count + 1, test.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

        var positions = Enumerable.Range(0, test.Count).ToList();
        new SplitMix64(split.Seed ^ PartitionStream).Shuffle(positions);
        var publicCount = Math.Clamp((int)Math.Round(test.Count * split.PublicFraction, MidpointRounding.AwayFromZero), 1, test.Count - 1);
        var isPublic = new bool[test.Count];
        foreach (var position in positions.Take(publicCount))
        {
            isPublic[position] = true;
        }

        return new SplitLayout(train, test, trainIds, testIds, isPublic);
    }

    private static List<string[]> OrderByTime(RawTable table, int column)
    {
        // Stable: equal times keep raw order, so the cut is reproducible.
        return [.. table.Rows.Select((row, index) => (row, index))
            .OrderBy(x => x.row[column], Comparer<string>.Create(CompareTime))
            .ThenBy(x => x.index)
            .Select(x => x.row)];
    }

    private static int CompareTime(string a, string b)
    {
        var aNumeric = double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x);
        var bNumeric = double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y);
        return aNumeric && bNumeric ? x.CompareTo(y) : string.CompareOrdinal(a, b);
    }
}
