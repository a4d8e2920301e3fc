using Microsoft.Extensions.AI;

namespace MleDojo.Agents;

/// <summary>Counts model calls and tokens (from each response's <see cref="UsageDetails"/>) and says when a budget is spent.</summary>
internal sealed class UsageMeter(AgentOptions options)
{
    private long _inputTokens;
    private long _outputTokens;
    private int _calls;

    public long InputTokens => Interlocked.Read(ref _inputTokens);

    public long OutputTokens => Interlocked.Read(ref _outputTokens);

    public int Calls => Volatile.Read(ref _calls);

    public decimal? Cost => options.Price?.CostOf(InputTokens, OutputTokens);

    /// <summary>Why no further model call may be made, or null.</summary>
    public string? Exhausted =>
        Calls >= options.MaxTurns ? $"max_turns of {options.MaxTurns} model calls used"
        : options.MaxTokens is { } max && InputTokens + OutputTokens >= max ? $"max_tokens budget of {max:N0} tokens used"
        : null;

    public void Record(UsageDetails? usage)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _inputTokens, usage?.InputTokenCount ?? 0);
        Interlocked.Add(ref _outputTokens, usage?.OutputTokenCount ?? 0);
    }
}
