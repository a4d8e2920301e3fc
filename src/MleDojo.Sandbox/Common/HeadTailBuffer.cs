using System.Text;

namespace MleDojo.Sandbox.Common;

/// <summary>
/// Keeps the first and the last bytes of an output stream of any length in bounded memory, so a run that prints
/// gigabytes still returns its beginning (setup messages, the first error) and its end (the final score, the traceback).
/// Thread-safe.
/// </summary>
internal sealed class HeadTailBuffer
{
    private readonly object _gate = new();
    private readonly byte[] _head;
    private readonly byte[] _tail;
    private int _headLength;

    // The tail is a ring: _tailStart is the oldest byte once the ring has wrapped.
    private int _tailLength;
    private int _tailStart;
    private long _totalBytes;

    /// <param name="headBytes">Bytes kept from the start of the stream.</param>
    /// <param name="tailBytes">Bytes kept from the end of the stream.</param>
    public HeadTailBuffer(int headBytes = 8192, int tailBytes = 8192)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(headBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(tailBytes);
        _head = new byte[headBytes];
        _tail = new byte[tailBytes];
    }

    /// <summary>Bytes appended so far, kept or not.</summary>
    public long TotalBytes
    {
        get
        {
            lock (_gate)
            {
                return _totalBytes;
            }
        }
    }

    /// <summary>Bytes that are neither in the head nor in the tail.</summary>
    public long CutBytes
    {
        get
        {
            lock (_gate)
            {
                return _totalBytes - _headLength - _tailLength;
            }
        }
    }

    /// <summary>Adds bytes at the end of the stream.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            _totalBytes += data.Length;
            var toHead = Math.Min(_head.Length - _headLength, data.Length);
            if (toHead > 0)
            {
                data[..toHead].CopyTo(_head.AsSpan(_headLength));
                _headLength += toHead;
                data = data[toHead..];
            }

            if (data.IsEmpty || _tail.Length == 0)
            {
                return;
            }

            if (data.Length >= _tail.Length)
            {
                data[^_tail.Length..].CopyTo(_tail);
                _tailStart = 0;
                _tailLength = _tail.Length;
                return;
            }

            foreach (var b in data)
            {
                if (_tailLength < _tail.Length)
                {
                    _tail[(_tailStart + _tailLength) % _tail.Length] = b;
                    _tailLength++;
                }
                else
                {
                    _tail[_tailStart] = b;
                    _tailStart = (_tailStart + 1) % _tail.Length;
                }
            }
        }
    }

    /// <summary>
    /// The kept text, decoded as UTF-8. When bytes were cut, head and tail are joined by a line saying how many bytes
    /// were cut and, when given, where the full log is, so the reader knows the text is incomplete and where to look.
    /// </summary>
    /// <param name="fullLogPath">Path of the full log to name in the cut marker (for example <c>logs/run-0003.stdout.log</c>).</param>
    public string ToText(string? fullLogPath = null)
    {
        byte[] head;
        byte[] tail;
        long cut;
        lock (_gate)
        {
            head = _head.AsSpan(0, _headLength).ToArray();
            tail = new byte[_tailLength];
            for (var i = 0; i < _tailLength; i++)
            {
                tail[i] = _tail[(_tailStart + i) % _tail.Length];
            }

            cut = _totalBytes - _headLength - _tailLength;
        }

        if (cut == 0)
        {
            // Nothing was dropped, so head and tail are one contiguous run and a character split between them is whole.
            return Decode([.. head, .. tail]);
        }

        // Cut at character boundaries so the cut does not leave replacement characters at its edges.
        var headEnd = Utf8BoundaryBefore(head, head.Length);
        var tailStart = 0;
        while (tailStart < tail.Length && IsContinuation(tail[tailStart]))
        {
            tailStart++;
        }

        cut += head.Length - headEnd + tailStart;
        var builder = new StringBuilder(head.Length + tail.Length + 128);
        builder.Append(Decode(head.AsSpan(0, headEnd)));
        if (builder.Length > 0 && builder[^1] != '\n')
        {
            builder.Append('\n');
        }

        builder.Append(CutMarker(cut, fullLogPath)).Append('\n');
        builder.Append(Decode(tail.AsSpan(tailStart)));
        return builder.ToString();
    }

    /// <summary>The line that stands for cut bytes, for example <c>[... 1048576 bytes cut; full log at logs/run-0003.stdout.log ...]</c>.</summary>
    public static string CutMarker(long cutBytes, string? fullLogPath) =>
        fullLogPath is null
            ? $"[... {cutBytes} bytes cut ...]"
            : $"[... {cutBytes} bytes cut; full log at {fullLogPath} ...]";

    private static string Decode(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private static bool IsContinuation(byte b) => (b & 0xC0) == 0x80;

    // Returns the length of the longest prefix of bytes[..end] that does not end inside a multi-byte character.
    private static int Utf8BoundaryBefore(byte[] bytes, int end)
    {
        var i = end - 1;
        var continuation = 0;
        while (i >= 0 && IsContinuation(bytes[i]) && continuation < 3)
        {
            i--;
            continuation++;
        }

        if (i < 0)
        {
            return end;
        }

        var lead = bytes[i];
        var expected = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return expected == continuation + 1 || expected == 1 ? end : i;
    }
}
