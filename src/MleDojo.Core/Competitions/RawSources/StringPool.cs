namespace MleDojo.Core.Competitions.RawSources;

/// <summary>
/// Hands out one shared string per distinct text, so a column of millions of repeated values (airport codes, dates)
/// holds a few thousand strings. Pooling stops growing after <see cref="Capacity"/> entries: a column of unique values
/// gains nothing from it.
/// </summary>
internal sealed class StringPool
{
    /// <summary>Most distinct texts kept per pool.</summary>
    public const int Capacity = 1 << 16;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The pooled string equal to <paramref name="text"/>, allocating only for a text not seen before.</summary>
    public string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return "";
        }

        if (_lookup.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        var created = text.ToString();
        if (_strings.Count < Capacity)
        {
            _strings.Add(created, created);
        }

        return created;
    }

    /// <summary>The pooled string equal to <paramref name="text"/>.</summary>
    public string Get(string text)
    {
        if (_lookup.TryGetValue(text.AsSpan(), out var pooled))
        {
            return pooled;
        }

        if (_strings.Count < Capacity)
        {
            _strings.Add(text, text);
        }

        return text;
    }
}
