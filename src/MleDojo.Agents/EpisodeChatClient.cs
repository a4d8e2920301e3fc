using Microsoft.Extensions.AI;

namespace MleDojo.Agents;

/// <summary>
/// Sits between the function-invocation loop and the model, so that every request the loop makes goes through it:
/// the context policy folds the conversation, the meter refuses a call once a budget is spent (answering with text,
/// which ends the loop), and the transcript records the call.
/// </summary>
internal sealed class EpisodeChatClient(IChatClient model, ContextPolicy policy, UsageMeter meter, AgentTranscript transcript, TimeProvider time)
    : DelegatingChatClient(model)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var conversation = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        if (meter.Exhausted is { } spent)
        {
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, $"[agent budget] {spent}; stopping."));
        }

        var folded = policy.Fold(conversation);
        var startedAt = time.GetUtcNow();
        var response = await base.GetResponseAsync(folded, options, cancellationToken).ConfigureAwait(false);
        meter.Record(response.Usage);
        transcript.Record(conversation, response, startedAt, time.GetUtcNow() - startedAt, ContextPolicy.EstimateTokens(folded));
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Streaming goes through the same bookkeeping: the whole reply is gathered, then handed out as updates.
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }
}
