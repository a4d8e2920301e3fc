using System.Text;

namespace MleDojo.Sandbox.Common;

/// <summary>
/// The newest lines of several interleaved output streams (stdout, stderr), for progress notifications while a run is
/// going. Carriage returns overwrite the current line the way a terminal does, so progress bars show their latest
/// state instead of flooding the buffer. Thread-safe.
/// </summary>
internal sealed class RecentLinesBuffer
{
    private readonly object _gate = new();
    private readonly int _capacity;
    private readonly int _maxLineChars;
    private readonly Queue<string> _lines;
    private readonly Source[] _sources;

    /// <param name="capacity">Complete lines kept.</param>
    /// <param name="sources">Number of independent streams (each keeps its own partial line and UTF-8 decoder state).</param>
    /// <param name="maxLineChars">Longer lines are cut, so output without newlines cannot grow the buffer without bound.</param>
    public RecentLinesBuffer(int capacity = 200, int sources = 2, int maxLineChars = 2000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sources, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineChars, 1);
        _capacity = capacity;
        _maxLineChars = maxLineChars;
        _lines = new Queue<string>(capacity);
        _sources = new Source[sources];
        for (var i = 0; i < sources; i++)
        {
            _sources[i] = new Source();
        }
    }

    /// <summary>Adds UTF-8 bytes read from one stream.</summary>
    /// <param name="source">Stream index, from 0 to <c>sources - 1</c>.</param>
    /// <param name="utf8">The bytes, possibly ending inside a line or a multi-byte character.</param>
    public void Append(int source, ReadOnlySpan<byte> utf8)
    {
        lock (_gate)
        {
            var state = _sources[source];
            var chars = new char[state.Decoder.GetCharCount(utf8, flush: false)];
            state.Decoder.GetChars(utf8, chars, flush: false);
            foreach (var c in chars)
            {
                if (state.PendingCarriageReturn)
                {
                    state.PendingCarriageReturn = false;
                    if (c != '\n')
                    {
                        // A lone \r means "rewrite this line", as progress bars do.
                        state.Partial.Clear();
                    }
                }

                switch (c)
                {
                    case '\n':
                        Push(state.Partial.ToString());
                        state.Partial.Clear();
                        break;
                    case '\r':
                        state.PendingCarriageReturn = true;
                        break;
                    default:
                        if (state.Partial.Length < _maxLineChars)
                        {
                            state.Partial.Append(c);
                        }

                        break;
                }
            }
        }
    }

    /// <summary>The newest lines, oldest first, ending with any unfinished line of each stream.</summary>
    public IReadOnlyList<string> Recent(int maxLines)
    {
        if (maxLines <= 0)
        {
            return [];
        }

        lock (_gate)
        {
            var all = new List<string>(_lines.Count + _sources.Length);
            all.AddRange(_lines);
            foreach (var state in _sources)
            {
                if (state.Partial.Length > 0)
                {
                    all.Add(state.Partial.ToString());
                }
            }

            return all.Count <= maxLines ? all : all.GetRange(all.Count - maxLines, maxLines);
        }
    }

    private void Push(string line)
    {
        if (_lines.Count == _capacity)
        {
            _lines.Dequeue();
        }

        _lines.Enqueue(line);
    }

    private sealed class Source
    {
        public Decoder Decoder { get; } = Encoding.UTF8.GetDecoder();

        public StringBuilder Partial { get; } = new();

        public bool PendingCarriageReturn { get; set; }
    }
}
