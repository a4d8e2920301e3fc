using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MleDojo.Core.Metrics.Internal;

/// <summary>
/// Stable LSD radix sort of 64-bit keys derived from doubles. It beats Array.Sort on the million-row
/// submissions the ranking metrics see (linear time, no comparisons), and stability is what Kaggle's
/// Gini needs: tied predictions keep their row order.
/// </summary>
internal static class RadixSort
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const ulong DigitMask = Buckets - 1;
    private const int Passes = (64 + DigitBits - 1) / DigitBits;

    /// <summary>
    /// A key whose unsigned order is the numeric order of <paramref name="value"/>. Negative zero is
    /// folded onto zero so that -0.0 and 0.0 tie, as they do for numpy. NaN must be rejected by the caller.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Key(double value)
    {
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(value + 0.0);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }

    /// <summary>Key for descending order: the bitwise complement reverses the unsigned order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong DescendingKey(double value) => ~Key(value);

    /// <summary>Sorts <paramref name="keys"/> ascending; <paramref name="scratch"/> must be at least as long.</summary>
    public static void Sort(Span<ulong> keys, Span<ulong> scratch) =>
        Sort<byte>(keys, [], scratch, [], withItems: false);

    /// <summary>Sorts keys ascending and applies the same stable permutation to <paramref name="items"/>.</summary>
    public static void Sort<T>(Span<ulong> keys, Span<T> items, Span<ulong> keyScratch, Span<T> itemScratch)
        where T : unmanaged =>
        Sort(keys, items, keyScratch, itemScratch, withItems: true);

    private static void Sort<T>(Span<ulong> keys, Span<T> items, Span<ulong> keyScratch, Span<T> itemScratch, bool withItems)
        where T : unmanaged
    {
        int n = keys.Length;
        if (n < 2)
        {
            return;
        }

        if (keyScratch.Length < n || (withItems && (items.Length != n || itemScratch.Length < n)))
        {
            throw new ArgumentException("scratch buffers are shorter than the keys");
        }

        int[] rented = ArrayPool<int>.Shared.Rent(Passes * Buckets);
        try
        {
            Span<int> counts = rented.AsSpan(0, Passes * Buckets);
            counts.Clear();
            Histogram(keys, counts);

            Span<ulong> srcKeys = keys;
            Span<ulong> dstKeys = keyScratch[..n];
            Span<T> srcItems = items;
            Span<T> dstItems = withItems ? itemScratch[..n] : [];
            bool inScratch = false;

            for (int pass = 0; pass < Passes; pass++)
            {
                int shift = pass * DigitBits;
                Span<int> offsets = counts.Slice(pass * Buckets, Buckets);
                if (offsets[(int)((srcKeys[0] >> shift) & DigitMask)] == n)
                {
                    continue;
                }

                int running = 0;
                for (int b = 0; b < Buckets; b++)
                {
                    int count = offsets[b];
                    offsets[b] = running;
                    running += count;
                }

                if (withItems)
                {
                    ScatterWithItems(srcKeys, dstKeys, srcItems, dstItems, offsets, shift);
                    Span<T> tempItems = srcItems;
                    srcItems = dstItems;
                    dstItems = tempItems;
                }
                else
                {
                    Scatter(srcKeys, dstKeys, offsets, shift);
                }

                Span<ulong> tempKeys = srcKeys;
                srcKeys = dstKeys;
                dstKeys = tempKeys;
                inScratch = !inScratch;
            }

            if (inScratch)
            {
                srcKeys.CopyTo(keys);
                if (withItems)
                {
                    srcItems.CopyTo(items);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    private static void Histogram(ReadOnlySpan<ulong> keys, Span<int> counts)
    {
        ref int c = ref MemoryMarshal.GetReference(counts);
        foreach (ulong key in keys)
        {
            Unsafe.Add(ref c, (int)(key & DigitMask))++;
            Unsafe.Add(ref c, Buckets + (int)((key >> DigitBits) & DigitMask))++;
            Unsafe.Add(ref c, (2 * Buckets) + (int)((key >> (2 * DigitBits)) & DigitMask))++;
            Unsafe.Add(ref c, (3 * Buckets) + (int)((key >> (3 * DigitBits)) & DigitMask))++;
            Unsafe.Add(ref c, (4 * Buckets) + (int)((key >> (4 * DigitBits)) & DigitMask))++;
            Unsafe.Add(ref c, (5 * Buckets) + (int)(key >> (5 * DigitBits)))++;
        }
    }

    private static void Scatter(ReadOnlySpan<ulong> src, Span<ulong> dst, Span<int> offsets, int shift)
    {
        ref int o = ref MemoryMarshal.GetReference(offsets);
        ref ulong d = ref MemoryMarshal.GetReference(dst);
        foreach (ulong key in src)
        {
            ref int slot = ref Unsafe.Add(ref o, (int)((key >> shift) & DigitMask));
            Unsafe.Add(ref d, slot) = key;
            slot++;
        }
    }

    private static void ScatterWithItems<T>(
        ReadOnlySpan<ulong> src, Span<ulong> dst, ReadOnlySpan<T> srcItems, Span<T> dstItems, Span<int> offsets, int shift)
        where T : unmanaged
    {
        ref int o = ref MemoryMarshal.GetReference(offsets);
        ref ulong d = ref MemoryMarshal.GetReference(dst);
        ref T di = ref MemoryMarshal.GetReference(dstItems);
        for (int i = 0; i < src.Length; i++)
        {
            ulong key = src[i];
            ref int slot = ref Unsafe.Add(ref o, (int)((key >> shift) & DigitMask));
            Unsafe.Add(ref d, slot) = key;
            Unsafe.Add(ref di, slot) = srcItems[i];
            slot++;
        }
    }
}
