using System.Collections.Concurrent;
using ModelContextProtocol;

namespace MleDojo.Server.Tests.Support;

/// <summary>Collects progress notifications synchronously, in arrival order.</summary>
public sealed class ProgressLog : IProgress<ProgressNotificationValue>
{
    private readonly ConcurrentQueue<ProgressNotificationValue> _values = new();

    public IReadOnlyList<ProgressNotificationValue> Values => [.. _values];

    public void Report(ProgressNotificationValue value) => _values.Enqueue(value);
}
