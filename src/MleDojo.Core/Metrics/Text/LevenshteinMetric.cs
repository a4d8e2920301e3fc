using System.Buffers;
using System.Text;
using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Text;

/// <summary>
/// Mean Levenshtein distance. By default distances count Unicode code points, as Python strings do, so an
/// emoji (two UTF-16 chars) is a single edit and the reference values stay comparable. With
/// <c>unit: tokens</c> the edit units are whitespace-separated tokens (Python's <c>str.split()</c>), so a
/// sequence of phonemes or words is compared symbol by symbol: <c>"K AE1 T"</c> against <c>"K AE1 T S"</c>
/// is one edit, not two.
/// </summary>
internal sealed class LevenshteinMetric(bool tokens) : Metric(Info)
{
    private const string UnitParameter = "unit";

    internal static readonly MetricInfo Info = new(
        "levenshtein", false, PredictionKind.Text,
        [new(UnitParameter, "string", false, "characters",
            "characters (Unicode code points) or tokens (whitespace-separated, as Python's str.split())")],
        "Mean Levenshtein edit distance (insert, delete, substitute) between true and predicted text, in code points or in whitespace tokens.");

    internal static LevenshteinMetric Create(MetricParameters parameters) =>
        new(parameters.GetChoice(UnitParameter, "characters", "characters", "tokens") == "tokens");

    protected override double Compute(MetricInput input)
    {
        string[] truth = input.TrueLabels(Name);
        string[] predicted = input.PredictedLabels(Name);
        int[] a = ArrayPool<int>.Shared.Rent(64);
        int[] b = ArrayPool<int>.Shared.Rent(64);
        int[] row = ArrayPool<int>.Shared.Rent(65);
        // Tokens become small integers, one id per distinct token across all rows, so the same
        // integer distance serves both units.
        var ids = tokens ? new Dictionary<string, int>(StringComparer.Ordinal) : null;
        try
        {
            double total = 0;
            for (int i = 0; i < truth.Length; i++)
            {
                int lengthA = ids is null ? Decode(truth[i], ref a) : Tokenise(truth[i], ids, ref a);
                int lengthB = ids is null ? Decode(predicted[i], ref b) : Tokenise(predicted[i], ids, ref b);
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

    private static int Tokenise(string text, Dictionary<string, int> ids, ref int[] buffer)
    {
        // A text of n chars holds at most n / 2 + 1 tokens; n + 1 is a simple safe bound.
        EnsureCapacity(ref buffer, text.Length + 1);
        Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        int count = 0;
        foreach (ReadOnlySpan<char> token in Tokens.Split(text))
        {
            if (!lookup.TryGetValue(token, out int id))
            {
                id = ids.Count;
                lookup[token] = id;
            }

            buffer[count++] = id;
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
