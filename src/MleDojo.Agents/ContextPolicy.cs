using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MleDojo.Agents;

/// <summary>
/// Keeps a long episode inside the model's context window. The system prompt and the task stay whole, and so do the
/// last <see cref="AgentOptions.KeepLastTurns"/> tool calls with their results; an older result is folded into its
/// one-line summary (<c>step 3 execute_code succeeded, public 0.781 (best 0.781)</c>) and an older call's long
/// arguments (its code) are cut. When the request is still over <see cref="AgentOptions.MaxContextTokens"/>, fewer
/// calls are kept whole, down to none, and then every remaining long text is cut harder.
/// </summary>
internal sealed class ContextPolicy(AgentOptions options, EpisodeObserver observer)
{
    private const int CharsPerToken = 4;
    private const int FoldedArgumentChars = 240;

    // Providers re-serialize what they send (arguments indented, strings escaped): the estimate leaves a tenth spare.
    private const double Headroom = 0.9;
    private static readonly JsonSerializerOptions AsSent = new(OutputText.Json) { WriteIndented = true };

    /// <summary>A rough token count: characters of every text, and of every call and result as JSON, over four.</summary>
    public static int EstimateTokens(IEnumerable<ChatMessage> messages) =>
        messages.Sum(m => m.Contents.Sum(c => c switch
        {
            TextContent t => t.Text.Length,
            FunctionCallContent f => f.Name.Length + JsonSerializer.Serialize(f.Arguments, AsSent).Length,
            FunctionResultContent r => JsonSerializer.Serialize(r.Result, AsSent).Length,
            _ => 0,
        }) + 4) / CharsPerToken;

    private int Limit => (int)(options.MaxContextTokens * Headroom);

    /// <summary>The messages to send for <paramref name="messages"/>: never longer, never reordered, every call still answered.</summary>
    public List<ChatMessage> Fold(IReadOnlyList<ChatMessage> messages)
    {
        var calls = messages.SelectMany(m => m.Contents.OfType<FunctionCallContent>()).Select(c => c.CallId).ToList();
        for (var keep = Math.Min(options.KeepLastTurns, calls.Count); keep >= 0; keep--)
        {
            var whole = calls.Skip(calls.Count - keep).ToHashSet(StringComparer.Ordinal);
            var folded = messages.Select(m => FoldMessage(m, whole)).ToList();
            if (EstimateTokens(folded) <= Limit || keep == 0)
            {
                return EstimateTokens(folded) <= Limit ? folded : [.. folded.Select(CutHard)];
            }
        }

        return [.. messages];
    }

    private ChatMessage FoldMessage(ChatMessage message, HashSet<string> whole)
    {
        if (!message.Contents.Any(c => c is FunctionCallContent or FunctionResultContent))
        {
            return message;
        }

        var contents = message.Contents.Select(c => c switch
        {
            FunctionResultContent r when !whole.Contains(r.CallId) =>
                new FunctionResultContent(r.CallId, $"[folded] {observer.SummaryOf(r.CallId) ?? OutputText.Cut(r.Result?.ToString() ?? "", FoldedArgumentChars)}"),
            FunctionCallContent f when !whole.Contains(f.CallId) && f.Arguments is { } arguments =>
                new FunctionCallContent(f.CallId, f.Name, arguments.ToDictionary(a => a.Key, a => Shorten(a.Value))),
            _ => c,
        }).ToList();
        return new ChatMessage(message.Role, contents) { AuthorName = message.AuthorName, MessageId = message.MessageId };
    }

    private ChatMessage CutHard(ChatMessage message)
    {
        // The last resort: the text of the task, of recent results and of the model's own words cut short.
        var limit = Math.Max(200, Limit * CharsPerToken / Math.Max(1, 4 * (message.Contents.Count + 4)));
        var contents = message.Contents.Select(c => c switch
        {
            TextContent t when t.Text.Length > limit && message.Role != ChatRole.System => new TextContent(OutputText.Cut(t.Text, limit)),
            FunctionResultContent r when (r.Result?.ToString()?.Length ?? 0) > limit => new FunctionResultContent(r.CallId, OutputText.Cut(r.Result!.ToString()!, limit)),
            _ => c,
        }).ToList();
        return new ChatMessage(message.Role, contents) { AuthorName = message.AuthorName, MessageId = message.MessageId };
    }

    private static object? Shorten(object? value) =>
        value?.ToString() is { Length: > FoldedArgumentChars } text ? OutputText.Cut(text, FoldedArgumentChars) : value;
}
