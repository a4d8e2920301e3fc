using System.Buffers;

namespace MleDojo.Core.Metrics.Internal;

/// <summary>
/// A rented array scoped with <c>using</c>: scoring the same million-row answers again and again
/// (every submission) then reuses the same buffers instead of allocating 8 MB each time.
/// </summary>
internal ref struct PooledBuffer<T>
{
    private T[]? _array;

    public PooledBuffer(int length)
    {
        _array = ArrayPool<T>.Shared.Rent(Math.Max(length, 1));
        Length = length;
    }

    public int Length { get; }

    public readonly Span<T> Span => _array.AsSpan(0, Length);

    public void Dispose()
    {
        if (_array is not null)
        {
            ArrayPool<T>.Shared.Return(_array);
            _array = null;
        }
    }
}
