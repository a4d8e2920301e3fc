using System.Text;

namespace MleDojo.Core.Competitions.RawSources;

/// <summary>
/// The readable body of a raw RFC 822 / MIME message, without any header (the Subject included). Text parts are
/// decoded from quoted-printable and base64; a <c>multipart/alternative</c> contributes its <c>text/plain</c> part
/// (else, or when that is empty, its first part with text, usually HTML, kept as markup); other multiparts contribute every text part in
/// order, a forwarded <c>message/rfc822</c> its own body; attachments and other non-text parts are dropped. Bytes become
/// text as UTF-8 when they are valid UTF-8, otherwise as Windows-1252 (what browsers do for Latin-1 labels): declared
/// charsets are not consulted, so no platform code-page table is involved. Line ends become <c>\n</c>, NUL characters
/// are removed and the ends are trimmed.
/// </summary>
internal static class MailBody
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Windows-1252 for 0x80-0x9F; the five undefined bytes keep their C1 code point, as in the WHATWG encoding standard.
    private const string Windows1252High =
        "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
        "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    /// <summary>Extracts the body text of one raw message.</summary>
    public static string Extract(byte[] message)
    {
        // Latin-1 maps every byte to one char, so MIME structure is parsed on text and leaves are re-encoded losslessly.
        var texts = new List<string>();
        Collect(Encoding.Latin1.GetString(message), texts);
        return Normalise(string.Join("\n\n", texts));
    }

    private static void Collect(string entity, List<string> texts)
    {
        var (headers, body) = MimeEntity.Split(entity);
        var contentType = MimeEntity.ContentType(headers);
        if (contentType.MediaType.StartsWith("multipart/", StringComparison.Ordinal) && contentType.Boundary is { Length: > 0 } boundary)
        {
            var parts = MimeEntity.Parts(body, boundary);
            if (contentType.MediaType == "multipart/alternative")
            {
                CollectAlternative(parts, texts);
            }
            else
            {
                foreach (var part in parts)
                {
                    Collect(part, texts);
                }
            }

            return;
        }

        if (contentType.MediaType == "message/rfc822")
        {
            Collect(body, texts);
            return;
        }

        // A multipart without a boundary cannot be split: its raw body is the best text there is.
        if (contentType.MediaType.StartsWith("text/", StringComparison.Ordinal) && contentType.MediaType != "text/rfc822-headers"
            || contentType.MediaType.StartsWith("multipart/", StringComparison.Ordinal))
        {
            texts.Add(DecodeText(MimeEntity.DecodeTransfer(body, headers.GetValueOrDefault("content-transfer-encoding", ""))));
        }
    }

    private static void CollectAlternative(List<string> parts, List<string> texts)
    {
        // The plain-text alternative first, then the others (HTML) in order, for a plain part left empty by the sender.
        foreach (var part in parts.OrderBy(p => MimeEntity.ContentType(MimeEntity.Split(p).Headers).MediaType == "text/plain" ? 0 : 1))
        {
            var found = new List<string>();
            Collect(part, found);
            if (found.Any(t => t.Trim().Length > 0))
            {
                texts.AddRange(found);
                return;
            }
        }
    }

    private static string DecodeText(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return string.Create(bytes.Length, bytes, static (chars, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    var b = source[i];
                    chars[i] = b is >= 0x80 and <= 0x9F ? Windows1252High[b - 0x80] : (char)b;
                }
            });
        }
    }

    private static string Normalise(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace('\r', '\n')
            .Replace("\0", "", StringComparison.Ordinal)
            .Trim();
}
