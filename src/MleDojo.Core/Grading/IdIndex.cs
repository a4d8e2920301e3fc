using System.Globalization;

namespace MleDojo.Core.Grading;

/// <summary>
/// Maps submission ids to answer rows. Kaggle ids are mostly dense integers: those get an array indexed by
/// value, one memory access per row, where a million-entry string dictionary costs a cache miss chain per
/// lookup. Any other ids fall back to an ordinal dictionary. Either way an id matches only its exact text.
/// </summary>
internal abstract class IdIndex
{
    public abstract int Count { get; }

    public abstract bool TryGetRow(ReadOnlySpan<char> id, out int row);

    public abstract string IdAt(int row);

    public static IdIndex Build(List<long>? integers, List<string>? strings)
    {
        if (integers is not null && DenseIntegerIdIndex.TryCreate(integers) is { } dense)
        {
            return dense;
        }

        var ids = strings ?? [.. integers!.Select(i => i.ToString(CultureInfo.InvariantCulture))];
        return new StringIdIndex([.. ids]);
    }

    /// <summary>Parses an id written in canonical integer form (no sign, no leading zeros, no spaces).</summary>
    public static bool TryParseCanonical(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.Length is 0 or > 18 || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private sealed class DenseIntegerIdIndex(long min, long[] ids, int[] rowByOffset) : IdIndex
    {
        public override int Count => ids.Length;

        public static DenseIntegerIdIndex? TryCreate(List<long> ids)
        {
            if (ids.Count == 0)
            {
                return null;
            }

            long min = long.MaxValue, max = long.MinValue;
            foreach (var id in ids)
            {
                min = Math.Min(min, id);
                max = Math.Max(max, id);
            }

            // Dense enough that the offset table costs at most a few ints per row.
            if (max - min >= (4L * ids.Count) + 1024)
            {
                return null;
            }

            var rows = new int[max - min + 1];
            Array.Fill(rows, -1);
            for (var i = 0; i < ids.Count; i++)
            {
                ref var slot = ref rows[ids[i] - min];
                if (slot >= 0)
                {
                    return null;
                }

                slot = i;
            }

            return new DenseIntegerIdIndex(min, [.. ids], rows);
        }

        public override bool TryGetRow(ReadOnlySpan<char> id, out int row)
        {
            row = -1;
            if (!TryParseCanonical(id, out var value) || value < min || value - min >= rowByOffset.Length)
            {
                return false;
            }

            row = rowByOffset[value - min];
            return row >= 0;
        }

        public override string IdAt(int row) => ids[row].ToString(CultureInfo.InvariantCulture);
    }

    private sealed class StringIdIndex : IdIndex
    {
        private readonly string[] _ids;
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        public StringIdIndex(string[] ids)
        {
            _ids = ids;
            var index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
            for (var i = 0; i < ids.Length; i++)
            {
                index.TryAdd(ids[i], i);
            }

            _lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public override int Count => _ids.Length;

        public override bool TryGetRow(ReadOnlySpan<char> id, out int row) => _lookup.TryGetValue(id, out row);

        public override string IdAt(int row) => _ids[row];
    }
}
