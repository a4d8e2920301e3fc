namespace MleDojo.Core.Metrics.Internal;

/// <summary>Walks the whitespace-separated tokens of a span without allocating, like Python's <c>str.split()</c>.</summary>
internal ref struct TokenEnumerator(ReadOnlySpan<char> text)
{
    private ReadOnlySpan<char> _rest = text;

    public ReadOnlySpan<char> Current { get; private set; }

    public readonly TokenEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        int start = 0;
        while (start < _rest.Length && Tokens.IsSeparator(_rest[start]))
        {
            start++;
        }

        if (start == _rest.Length)
        {
            _rest = default;
            return false;
        }

        int end = start + 1;
        while (end < _rest.Length && !Tokens.IsSeparator(_rest[end]))
        {
            end++;
        }

        Current = _rest[start..end];
        _rest = _rest[end..];
        return true;
    }
}
