namespace MleDojo.Core.Sessions;

/// <summary>Cutting UTF-8 bytes into pages without splitting a character.</summary>
internal static class Utf8Text
{
    /// <summary>
    /// The length of the longest prefix of <paramref name="bytes"/> that ends on a character boundary: a multi-byte
    /// character cut by the end of the page is left for the next page. Invalid bytes are kept as they are.
    /// </summary>
    public static int CompleteLength(ReadOnlySpan<byte> bytes)
    {
        // A UTF-8 character is at most 4 bytes: only the last 3 can start an unfinished one.
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0b1100_0000) == 0b1000_0000)
            {
                continue; // a continuation byte: keep looking for its lead byte
            }

            var length = b >= 0b1111_0000 ? 4 : b >= 0b1110_0000 ? 3 : b >= 0b1100_0000 ? 2 : 1;
            return length > back ? bytes.Length - back : bytes.Length;
        }

        return bytes.Length;
    }
}
