using MleDojo.Core.Metrics.Internal;

namespace MleDojo.Core.Metrics.Text;

/// <summary>
/// The two lower-cased whitespace token sets of one row, reused across rows. Lower-casing is .NET's
/// invariant simple case mapping; it matches Python's str.lower() except for the few characters whose
/// full mapping changes length (such as U+0130).
/// </summary>
internal sealed class TokenSets
{
    private readonly HashSet<string> _truth = new(StringComparer.Ordinal);
    private readonly HashSet<string> _predicted = new(StringComparer.Ordinal);

    public int TruthCount => _truth.Count;

    public int PredictedCount => _predicted.Count;

    /// <summary>Loads one row and returns the size of the intersection.</summary>
    public int Load(string truth, string predicted)
    {
        Fill(_truth, truth);
        Fill(_predicted, predicted);
        int common = 0;
        foreach (string token in _predicted)
        {
            if (_truth.Contains(token))
            {
                common++;
            }
        }

        return common;
    }

    private static void Fill(HashSet<string> set, string text)
    {
        set.Clear();
        HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup = set.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (ReadOnlySpan<char> token in Tokens.Split(text.ToLowerInvariant()))
        {
            lookup.Add(token);
        }
    }
}
