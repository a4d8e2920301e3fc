using System.Collections.Concurrent;

namespace MleDojo.Agents.Tests.Support;

/// <summary>An <see cref="IProgress{T}"/> that keeps every report, in order.</summary>
public sealed class Collected<T> : IProgress<T>
{
    private readonly ConcurrentQueue<T> _items = new();

    public IReadOnlyList<T> Items => [.. _items];

    public void Report(T value) => _items.Enqueue(value);
}
