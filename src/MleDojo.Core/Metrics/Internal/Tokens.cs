namespace MleDojo.Core.Metrics.Internal;

/// <summary>Whitespace tokenisation shared by the ranked-list and text metrics.</summary>
internal static class Tokens
{
    public static TokenEnumerator Split(ReadOnlySpan<char> text) => new(text);

    /// <summary>
    /// Python's <c>str.split()</c> separators: .NET whitespace plus the four information separators
    /// U+001C..U+001F, which Python also treats as whitespace. Matching it keeps reference values exact.
    /// </summary>
    public static bool IsSeparator(char c) => char.IsWhiteSpace(c) || (c >= '\u001c' && c <= '\u001f');

    public static bool Contains(ReadOnlySpan<char> text, ReadOnlySpan<char> token)
    {
        foreach (ReadOnlySpan<char> t in Split(text))
        {
            if (t.SequenceEqual(token))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="token"/> is among the first <paramref name="count"/> tokens of <paramref name="text"/>.</summary>
    public static bool ContainsInFirst(ReadOnlySpan<char> text, ReadOnlySpan<char> token, int count)
    {
        int seen = 0;
        foreach (ReadOnlySpan<char> t in Split(text))
        {
            if (seen++ >= count)
            {
                return false;
            }

            if (t.SequenceEqual(token))
            {
                return true;
            }
        }

        return false;
    }

    public static int CountDistinct(ReadOnlySpan<char> text)
    {
        int index = 0;
        int distinct = 0;
        foreach (ReadOnlySpan<char> t in Split(text))
        {
            if (!ContainsInFirst(text, t, index))
            {
                distinct++;
            }

            index++;
        }

        return distinct;
    }
}
