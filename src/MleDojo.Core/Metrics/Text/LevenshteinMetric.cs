using System.Buffers;
using System.Text;
using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Text;

/// <summary>
/// Mean Levenshtein distance. Distances count Unicode code points, as Python strings do, so an emoji
/// (two UTF-16 chars) is a single edit and the reference values stay comparable.
/// </summary>
internal sealed class LevenshteinMetric() : Metric(Info)
{
    internal static readonly MetricInfo Info = new(
        "levenshtein", false, PredictionKind.Text, [],
        "Mean Levenshtein edit distance (insert, delete, substitute) between true and predicted text, in code points.");

    protected override double Compute(MetricInput input)
    {
        string[] truth = input.TrueLabels(Name);
        string[] predicted = input.PredictedLabels(Name);
        int[] a = ArrayPool<int>.Shared.Rent(64);
        int[] b = ArrayPool<int>.Shared.Rent(64);
        int[] row = ArrayPool<int>.Shared.Rent(65);
        try
        {
            double total = 0;
            for (int i = 0; i < truth.Length; i++)
            {
                int lengthA = Decode(truth[i], ref a);
                int lengthB = Decode(predicted[i], ref b);
                total += Distance(a.AsSpan(0, lengthA), b.AsSpan(0, lengthB), ref row);
            }

            return total / truth.Length;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(a);
            ArrayPool<int>.Shared.Return(b);
            ArrayPool<int>.Shared.Return(row);
        }
    }

    internal static int Distance(ReadOnlySpan<int> a, ReadOnlySpan<int> b, ref int[] row)
    {
        int prefix = a.CommonPrefixLength(b);
        a = a[prefix..];
        b = b[prefix..];
        while (a.Length > 0 && b.Length > 0 && a[^1] == b[^1])
        {
            a = a[..^1];
            b = b[..^1];
        }

        if (a.Length == 0)
        {
            return b.Length;
        }

        if (b.Length == 0)
        {
            return a.Length;
        }

        EnsureCapacity(ref row, b.Length + 1);
        Span<int> previous = row.AsSpan(0, b.Length + 1);
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        // One row, updated in place: `diagonal` carries the value the row held before this column was overwritten.
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = previous[0];
            previous[0] = i;
            int ca = a[i - 1];
            for (int j = 1; j <= b.Length; j++)
            {
                int above = previous[j];
                int substitute = diagonal + (ca == b[j - 1] ? 0 : 1);
                int best = Math.Min(Math.Min(above + 1, previous[j - 1] + 1), substitute);
                diagonal = above;
                previous[j] = best;
            }
        }

        return previous[b.Length];
    }

    private static int Decode(string text, ref int[] buffer)
    {
        EnsureCapacity(ref buffer, text.Length);
        int count = 0;
        ReadOnlySpan<char> rest = text;
        while (!rest.IsEmpty)
        {
            // A lone surrogate decodes as U+FFFD; Python would keep it as its own code point. Either way it costs one edit.
            Rune.DecodeFromUtf16(rest, out Rune rune, out int consumed);
            buffer[count++] = rune.Value;
            rest = rest[consumed..];
        }

        return count;
    }

    private static void EnsureCapacity(ref int[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            ArrayPool<int>.Shared.Return(buffer);
            buffer = ArrayPool<int>.Shared.Rent(length);
        }
    }
}
