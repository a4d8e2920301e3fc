using System.Text.Json;
using System.Text.Json.Nodes;
using MleDojo.Agents;
using MleDojo.Core.Competitions;
using MleDojo.Core.Recording;
using MleDojo.Core.Serialization;
using MleDojo.Core.Sessions;
using MleDojo.Server.Prompts;
using ModelContextProtocol.Protocol;

namespace MleDojo.Server.Export;

/// <summary>
/// Recorded episodes as chat conversations in the OpenAI fine-tuning shape, one JSON line per episode:
/// <c>{"messages": [...], "tools": [...], "metadata": {...}}</c>, with assistant <c>tool_calls</c> and <c>tool</c>
/// results. An episode an agent of this server played (<c>mledojo agent run</c>) is its transcript, the model's own
/// words included. Any other (Claude Code, an RL loop) is rebuilt from the server's record: the server's task prompt,
/// then every call as a tool call with the result its client was given, and no assistant text; those are marked
/// <c>reconstructed</c>. The metadata carries what RL needs: every step's reward and scores, and whether the episode
/// terminated or was truncated.
/// </summary>
internal sealed class ChatTrajectoryExporter(SqliteSessionStore store, CompetitionCatalog catalog, IReadOnlyList<Tool> serverTools, string transcriptsDirectory)
{
    private static readonly JsonSerializerOptions Line = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one session's line.</summary>
    /// <exception cref="KeyNotFoundException">No session has this id.</exception>
    public async Task ExportSessionAsync(string sessionId, TextWriter writer, CancellationToken cancellationToken)
    {
        var session = await store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"No recorded session '{sessionId}'.");
        await WriteAsync(session, writer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a line per recorded session, oldest first. Returns how many.</summary>
    public async Task<int> ExportAllAsync(TextWriter writer, CancellationToken cancellationToken)
    {
        var sessions = await store.ListSessionsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var session in sessions.OrderBy(s => s.CreatedAt))
        {
            await WriteAsync(session, writer, cancellationToken).ConfigureAwait(false);
        }

        return sessions.Count;
    }

    private async Task WriteAsync(SessionRecord session, TextWriter writer, CancellationToken cancellationToken)
    {
        var steps = await store.ListStepsAsync(session.Id, cancellationToken).ConfigureAwait(false);
        var transcript = Path.Combine(transcriptsDirectory, $"{session.Id}.json");
        var fromTranscript = File.Exists(transcript);
        var messages = fromTranscript ? await TranscriptMessagesAsync(transcript, cancellationToken).ConfigureAwait(false) : RecordMessages(session, steps);
        var line = new JsonObject
        {
            ["messages"] = messages,
            ["tools"] = Tools(offeredByAgent: fromTranscript),
            ["metadata"] = ChatMetadata.Of(session, steps, reconstructed: !fromTranscript),
        };
        await writer.WriteLineAsync(line.ToJsonString(Line).AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The conversation as the agent had it, from its transcript: every call's new messages, then its reply.</summary>
    private static async Task<JsonArray> TranscriptMessagesAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var calls = await JsonSerializer.DeserializeAsync<List<TranscriptCall>>(stream, cancellationToken: cancellationToken).ConfigureAwait(false) ?? [];
        var messages = new JsonArray();
        foreach (var message in calls.SelectMany(c => c.New.Concat(c.Reply)))
        {
            if (message.ToolResults is { Count: > 0 } results)
            {
                foreach (var result in results)
                {
                    messages.Add(ChatMessages.ToolResult(result.CallId, result.Result ?? ""));
                }
            }
            else if (message.ToolCalls is { Count: > 0 } toolCalls)
            {
                messages.Add(ChatMessages.Assistant(message.Text, toolCalls.Select(c => (c.Id, c.Name, c.Arguments))));
            }
            else
            {
                messages.Add(ChatMessages.Text(message.Role, message.Text ?? ""));
            }
        }

        return messages;
    }

    /// <summary>The conversation rebuilt from the record: the task, then each of the client's calls with its result.</summary>
    private JsonArray RecordMessages(SessionRecord session, IReadOnlyList<StepRecord> steps)
    {
        var messages = new JsonArray
        {
            ChatMessages.Text("system", TaskPrompt(session.CompetitionId)),
            ChatMessages.Text("user", $"Solve the competition '{session.CompetitionId}' with the tools."),
        };
        foreach (var step in steps.Where(s => s.Action is not (ActionName.Truncate or ActionName.Resume)))
        {
            var id = $"call_{step.Seq}";
            messages.Add(ChatMessages.Assistant(null, [(id, DojoJson.WireName(step.Action), ChatMessages.ArgumentsOf(session.Id, step))]));
            messages.Add(ChatMessages.ToolResult(id, ChatMessages.ResultOf(step)));
        }

        return messages;
    }

    private string TaskPrompt(string competitionId)
    {
        try
        {
            return SolvePrompts.SolveCompetition(catalog, competitionId);
        }
        catch (UnknownCompetitionException)
        {
            return $"You are competing in the Kaggle-style competition '{competitionId}' (no longer in this server's catalog).";
        }
    }

    /// <summary>The tools in the OpenAI shape: all the server's for a reconstructed episode, the agent's own set for a transcript.</summary>
    private JsonArray Tools(bool offeredByAgent) =>
    [
        .. serverTools
            .Where(t => !offeredByAgent || AgentTools.IsOffered(t.Name))
            .Select(t => (JsonNode)new JsonObject
            {
                ["type"] = "function",
                ["function"] = new JsonObject
                {
                    ["name"] = t.Name,
                    ["description"] = t.Description ?? "",
                    ["parameters"] = JsonNode.Parse((offeredByAgent ? AgentTools.SchemaAsOffered(t.InputSchema) : t.InputSchema).GetRawText()),
                },
            }),
    ];
}
