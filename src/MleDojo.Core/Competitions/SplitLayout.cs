using System.Globalization;
using MleDojo.Core.Data;

namespace MleDojo.Core.Competitions;

/// <summary>Which raw rows go to train and test, their fresh ids, and which test rows are public.</summary>
internal sealed record SplitLayout(List<string[]> Train, List<string[]> Test, string[] TrainIds, string[] TestIds, bool[] IsPublic)
{
    // Separate streams for the split and the partition, so changing public_fraction never moves a row between train and test.
    private const ulong PartitionStream = 0x5055424C49435EEDUL;
    private const ulong TieStream = 0x5449455354524D31UL;

    public static SplitLayout Create(CompetitionSpec spec, RawTable table)
    {
        var split = spec.Split;
        if (split.GroupColumn is not null)
        {
            var (groupTrain, groupTest, groupPublic) = GroupSplit.Create(spec, table, PartitionStream);
            return new SplitLayout(groupTrain, groupTest, Ids(1, groupTrain.Count), Ids(groupTrain.Count + 1, groupTest.Count), groupPublic);
        }

        List<string[]> ordered;
        int testCount;
        if (split.TimeColumn is { } timeColumn)
        {
            ordered = OrderByTime(table, table.IndexOf(timeColumn), split.ShuffleTies, split.Seed);
            testCount = split.TimeCut is { } cut
                ? CountAtOrAfter(ordered, table.IndexOf(timeColumn), cut)
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

        var trainIds = Ids(1, train.Count);
        var testIds = Ids(train.Count + 1, test.Count);

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

    private static string[] Ids(int first, int count) =>
        [.. Enumerable.Range(first, count).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    private static List<string[]> OrderByTime(RawTable table, int column, bool shuffleTies, ulong seed)
    {
        // Parse each time once: comparing raw text re-parsed both sides on every comparison (minutes for millions of rows).
        var rows = table.Rows;
        var keys = new TimeKey[rows.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = TimeKey.Parse(rows[i][column]);
        }

        // Stable: equal times keep raw order, so the cut is reproducible; or, when the raw order within a time says
        // too much, a seeded order, equally reproducible.
        var tieRank = Enumerable.Range(0, rows.Count).ToArray();
        if (shuffleTies)
        {
            new SplitMix64(seed ^ TieStream).Shuffle(tieRank);
        }

        return [.. Enumerable.Range(0, rows.Count)
            .OrderBy(i => keys[i], TimeKey.Comparer)
            .ThenBy(i => tieRank[i])
            .Select(i => rows[i])];
    }

    private static int CountAtOrAfter(List<string[]> rows, int column, string cut)
    {
        var cutKey = TimeKey.Parse(cut);
        return rows.Count(r => TimeKey.Comparer.Compare(TimeKey.Parse(r[column]), cutKey) >= 0);
    }

    /// <summary>A time value parsed once: numbers compare as numbers, anything else (ISO 8601 text) ordinally.</summary>
    private readonly record struct TimeKey(bool IsNumeric, double Number, string Text)
    {
        public static readonly IComparer<TimeKey> Comparer = Comparer<TimeKey>.Create(static (a, b) =>
            a.IsNumeric && b.IsNumeric ? a.Number.CompareTo(b.Number) : string.CompareOrdinal(a.Text, b.Text));

        public static TimeKey Parse(string text) =>
            new(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number), number, text);
    }
}
