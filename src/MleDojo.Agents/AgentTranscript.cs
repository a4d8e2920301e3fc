using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace MleDojo.Agents;

/// <summary>
/// The whole conversation of an episode, call by call: what the model was sent that it had not seen (the task, tool
/// results), what it answered (text and tool calls with their arguments), the tokens of the call and how long it took.
/// </summary>
public sealed class AgentTranscript
{
    private static readonly JsonSerializerOptions Indented = new(OutputText.Json) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly List<TranscriptCall> _calls = [];
    private readonly Lock _gate = new();
    private int _seen;

    /// <summary>The model calls, in order.</summary>
    public IReadOnlyList<TranscriptCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Writes the transcript as indented JSON.</summary>
    public async Task WriteAsync(Stream stream, CancellationToken cancellationToken = default) =>
        await JsonSerializer.SerializeAsync(stream, Calls, Indented, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Records what the conversation gained after the last model call, which no call will carry: the results of the
    /// calls that ended the episode.
    /// </summary>
    internal void RecordTail(IReadOnlyList<ChatMessage> conversation, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (conversation.Count > _seen)
            {
                _calls.Add(new TranscriptCall(_calls.Count + 1, at, 0, 0, null, null, [.. conversation.Skip(_seen).Select(TranscriptMessage.From)], []));
                _seen = conversation.Count;
            }
        }
    }

    internal void Record(IReadOnlyList<ChatMessage> conversation, ChatResponse response, DateTimeOffset startedAt, TimeSpan duration, int tokensSent)
    {
        lock (_gate)
        {
            // The conversation only grows: what lies past the last call's end is new to the model.
            var fresh = conversation.Skip(_seen).Select(TranscriptMessage.From).ToList();
            _seen = conversation.Count + response.Messages.Count;
            _calls.Add(new TranscriptCall(
                _calls.Count + 1,
                startedAt,
                Math.Round(duration.TotalSeconds, 3),
                tokensSent,
                response.Usage?.InputTokenCount,
                response.Usage?.OutputTokenCount,
                fresh,
                [.. response.Messages.Select(TranscriptMessage.From)]));
        }
    }
}
