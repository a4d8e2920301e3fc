using MleDojo.Core.Data;

namespace MleDojo.Core.Competitions;

/// <summary>
/// The split by <c>split.group_column</c>: whole groups go to test (about <c>test_fraction</c> of the rows) and
/// whole test groups are public or private, so rows of one group (a school's pupils, a patient's visits) never
/// straddle train and test, nor the public and private leaderboards.
/// </summary>
internal static class GroupSplit
{
    // Its own stream, so the order in which groups are drawn is independent of the row shuffle.
    private const ulong GroupStream = 0x47524F5550535431UL;

    /// <summary>Rows in seeded order on each side, and for each test row whether its group is public.</summary>
    public static (List<string[]> Train, List<string[]> Test, bool[] IsPublic) Create(CompetitionSpec spec, RawTable table, ulong partitionStream)
    {
        var split = spec.Split;
        var column = table.IndexOf(split.GroupColumn!);
        var rows = table.Rows;

        // Groups are numbered by first appearance in raw order (deterministic), then drawn in a seeded order.
        // A missing group value says nothing about relatedness, so each such row is a group of its own.
        var groupOf = new int[rows.Count];
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var sizes = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var value = rows[i][column];
            if (MissingValues.IsMissing(value))
            {
                groupOf[i] = sizes.Count;
                sizes.Add(1);
            }
            else if (numbers.TryGetValue(value, out var number))
            {
                groupOf[i] = number;
                sizes[number]++;
            }
            else
            {
                groupOf[i] = numbers[value] = sizes.Count;
                sizes.Add(1);
            }
        }

        var drawOrder = Enumerable.Range(0, sizes.Count).ToList();
        new SplitMix64(split.Seed ^ GroupStream).Shuffle(drawOrder);
        var target = Math.Clamp((int)Math.Round(rows.Count * split.TestFraction, MidpointRounding.AwayFromZero), 2, rows.Count - 2);
        var testGroups = TakeTowards(drawOrder, sizes, target);
        var testCount = testGroups.Sum(g => sizes[g]);
        if (testGroups.Count < 2 || testCount < 2 || rows.Count - testCount < 2)
        {
            throw new CompetitionSpecException(spec.SpecPath,
                [$"split.group_column: '{split.GroupColumn}' has {sizes.Count} groups (largest {sizes.Max()} of {rows.Count} rows); a group split needs at least two test groups and two rows on each side at test_fraction {split.TestFraction}"]);
        }

        // Public and private take whole test groups too: a group on both leaderboards would let public feedback
        // reveal private answers of near-duplicate rows.
        var testOrder = testGroups.ToList();
        new SplitMix64(split.Seed ^ partitionStream).Shuffle(testOrder);
        var publicTarget = Math.Clamp((int)Math.Round(testCount * split.PublicFraction, MidpointRounding.AwayFromZero), 1, testCount - 1);
        var publicGroups = TakeTowards(testOrder, sizes, publicTarget);
        if (publicGroups.Count == 0)
        {
            publicGroups.Add(testOrder[0]);
        }
        else if (publicGroups.Count == testOrder.Count)
        {
            publicGroups.Remove(testOrder[^1]);
        }

        // Rows keep the random split's seeded shuffle within each side, so fresh ids say nothing about groups.
        var order = Enumerable.Range(0, rows.Count).ToList();
        new SplitMix64(split.Seed).Shuffle(order);
        var train = new List<string[]>(rows.Count - testCount);
        var test = new List<string[]>(testCount);
        var isPublic = new List<bool>(testCount);
        foreach (var i in order)
        {
            if (testGroups.Contains(groupOf[i]))
            {
                test.Add(rows[i]);
                isPublic.Add(publicGroups.Contains(groupOf[i]));
            }
            else
            {
                train.Add(rows[i]);
            }
        }

        return (train, test, [.. isPublic]);
    }

    /// <summary>
    /// Walks the groups in draw order and takes each one that brings the row count closer to the target, so the
    /// share of rows is as close as the group sizes allow without favouring groups by size in the first pass.
    /// </summary>
    private static HashSet<int> TakeTowards(List<int> drawOrder, List<int> sizes, int target)
    {
        var taken = new HashSet<int>();
        var count = 0;
        foreach (var group in drawOrder)
        {
            if (Math.Abs(count + sizes[group] - target) < Math.Abs(count - target))
            {
                taken.Add(group);
                count += sizes[group];
            }
        }

        return taken;
    }
}
