namespace MleDojo.Core.Metrics.Internal;

/// <summary>
/// ROC AUC as the Mann-Whitney statistic: the probability that a random positive outranks a random
/// negative, ties counting one half. This equals the trapezoid area under sklearn's ROC curve,
/// including its handling of tied scores, and needs one sort instead of building the curve.
/// </summary>
internal static class BinaryAuc
{
    /// <summary>Sorts both key sets in place and returns the AUC; both must be non-empty.</summary>
    public static double Compute(Span<ulong> positives, Span<ulong> negatives, Span<ulong> scratch)
    {
        RadixSort.Sort(positives, scratch);
        RadixSort.Sort(negatives, scratch);
        return FromSorted(positives, negatives);
    }

    private static double FromSorted(ReadOnlySpan<ulong> positives, ReadOnlySpan<ulong> negatives)
    {
        // Counted in halves so the sum stays an exact integer: 2 * P * N fits in a long for any int-sized input.
        long twiceWins = 0;
        int below = 0;
        int i = 0;
        while (i < positives.Length)
        {
            ulong key = positives[i];
            int start = i;
            while (i < positives.Length && positives[i] == key)
            {
                i++;
            }

            while (below < negatives.Length && negatives[below] < key)
            {
                below++;
            }

            int equalEnd = below;
            while (equalEnd < negatives.Length && negatives[equalEnd] == key)
            {
                equalEnd++;
            }

            twiceWins += (long)(i - start) * ((2L * below) + (equalEnd - below));
        }

        return twiceWins / (2.0 * positives.Length * negatives.Length);
    }
}
