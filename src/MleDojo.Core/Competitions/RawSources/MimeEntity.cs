using System.Text;

namespace MleDojo.Core.Competitions.RawSources;

/// <summary>
/// Lenient RFC 822 / MIME parsing on Latin-1 text (one char per byte): header block and body, the Content-Type,
/// multipart parts, and transfer decoding. Malformed input never throws; it degrades to the raw text.
/// </summary>
internal static class MimeEntity
{
    /// <summary>A media type (lower case) and its multipart boundary, if any.</summary>
    /// <param name="MediaType">The lower-case <c>type/subtype</c>.</param>
    /// <param name="Boundary">The multipart boundary parameter, if any.</param>
    public readonly record struct MimeType(string MediaType, string? Boundary);

    /// <summary>Splits an entity at the first empty line into unfolded headers (lower-case names, first wins) and the body.</summary>
    public static (Dictionary<string, string> Headers, string Body) Split(string entity)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        var inHeader = false;
        var position = 0;
        var first = true;
        while (position < entity.Length)
        {
            var end = entity.IndexOf('\n', position);
            var next = end < 0 ? entity.Length : end + 1;
            var line = entity.AsSpan(position, (end < 0 ? entity.Length : end) - position).TrimEnd('\r');
            if (line.IsEmpty)
            {
                return (headers, entity[next..]);
            }

            if (line[0] is ' ' or '\t' && inHeader)
            {
                // Folded continuation; only the first occurrence of a header name is kept.
                if (name is not null)
                {
                    headers[name] = $"{headers[name]} {line.Trim()}";
                }
            }
            else if (first && line.StartsWith("From ", StringComparison.Ordinal))
            {
                // The mbox separator line ("From sender date") precedes the headers in saved mail.
            }
            else if (line.IndexOf(':') is > 0 and var colon && line[..colon].IndexOfAny(' ', '\t') < 0)
            {
                var key = line[..colon].ToString().ToLowerInvariant();
                name = headers.TryAdd(key, line[(colon + 1)..].Trim().ToString()) ? key : null;
                inHeader = true;
            }
            else
            {
                // Not a header: a message without the blank separator line; the body starts here.
                return (headers, entity[position..]);
            }

            first = false;
            position = next;
        }

        return (headers, "");
    }

    /// <summary>The Content-Type media type (default <c>text/plain</c>) and its boundary parameter.</summary>
    public static MimeType ContentType(Dictionary<string, string> headers)
    {
        if (!headers.TryGetValue("content-type", out var value) || string.IsNullOrWhiteSpace(value))
        {
            return new MimeType("text/plain", null);
        }

        var pieces = SplitParameters(value);
        var media = pieces[0].Trim().ToLowerInvariant();
        string? boundary = null;
        foreach (var piece in pieces.Skip(1))
        {
            var equals = piece.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && piece[..equals].Trim().Equals("boundary", StringComparison.OrdinalIgnoreCase))
            {
                boundary = piece[(equals + 1)..].Trim().Trim('"');
            }
        }

        return new MimeType(media.Length == 0 ? "text/plain" : media, boundary);
    }

    /// <summary>The parts between <c>--boundary</c> lines, up to the closing <c>--boundary--</c> (preamble and epilogue dropped).</summary>
    public static List<string> Parts(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var parts = new List<string>();
        var partStart = -1;
        var position = 0;
        while (position < body.Length)
        {
            var end = body.IndexOf('\n', position);
            var next = end < 0 ? body.Length : end + 1;
            var line = body.AsSpan(position, (end < 0 ? body.Length : end) - position).TrimEnd('\r');
            if (line.StartsWith(delimiter, StringComparison.Ordinal))
            {
                var rest = line[delimiter.Length..];
                var closing = rest.StartsWith("--", StringComparison.Ordinal);
                if (closing || rest.Trim().IsEmpty)
                {
                    if (partStart >= 0)
                    {
                        parts.Add(body[partStart..LineBreakStart(body, position)]);
                    }

                    if (closing)
                    {
                        return parts;
                    }

                    partStart = next;
                }
            }

            position = next;
        }

        if (partStart >= 0 && partStart <= body.Length)
        {
            parts.Add(body[partStart..]);
        }

        return parts;
    }

    /// <summary>The body's bytes after undoing its Content-Transfer-Encoding (base64, quoted-printable; others as is).</summary>
    public static byte[] DecodeTransfer(string body, string encoding) => encoding.Trim().ToLowerInvariant() switch
    {
        "base64" => DecodeBase64(body),
        "quoted-printable" => DecodeQuotedPrintable(body),
        _ => Encoding.Latin1.GetBytes(body),
    };

    private static int LineBreakStart(string body, int lineStart)
    {
        // The line break before a delimiter belongs to the delimiter.
        var end = lineStart;
        if (end > 0 && body[end - 1] == '\n')
        {
            end--;
            if (end > 0 && body[end - 1] == '\r')
            {
                end--;
            }
        }

        return end;
    }

    private static List<string> SplitParameters(string value)
    {
        var pieces = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in value)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == ';' && !quoted)
            {
                pieces.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        pieces.Add(current.ToString());
        return pieces;
    }

    private static byte[] DecodeBase64(string body)
    {
        var clean = new StringBuilder(body.Length);
        foreach (var c in body)
        {
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/')
            {
                clean.Append(c);
            }
        }

        // Padding is restored from the length; a dangling sixth bit group cannot encode a byte and is dropped.
        if (clean.Length % 4 == 1)
        {
            clean.Length--;
        }

        clean.Append('=', (4 - (clean.Length % 4)) % 4);
        return Convert.FromBase64String(clean.ToString());
    }

    private static byte[] DecodeQuotedPrintable(string body)
    {
        var bytes = new List<byte>(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c != '=')
            {
                bytes.Add((byte)c);
            }
            else if (i + 1 < body.Length && body[i + 1] == '\n')
            {
                i++;
            }
            else if (i + 2 < body.Length && body[i + 1] == '\r' && body[i + 2] == '\n')
            {
                i += 2;
            }
            else if (i + 2 < body.Length && Uri.IsHexDigit(body[i + 1]) && Uri.IsHexDigit(body[i + 2]))
            {
                bytes.Add((byte)((Uri.FromHex(body[i + 1]) << 4) | Uri.FromHex(body[i + 2])));
                i += 2;
            }
            else
            {
                bytes.Add((byte)c);
            }
        }

        return [.. bytes];
    }
}
