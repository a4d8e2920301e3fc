using System.Text.Json.Nodes;

namespace MleDojo.Agents.Tests.Support;

/// <summary>
/// The wire shapes of OpenAI's chat completions API that the endpoint writes: a whole <c>chat.completion</c>, the
/// <c>chat.completion.chunk</c> events of a stream, and an error body. Kept apart from the HTTP handling so the shapes
/// can be read in one place.
/// </summary>
internal static class ChatCompletionJson
{
    public static JsonObject Completion(string id, string model, ScriptedReply reply, IReadOnlyList<ScriptedToolCall> calls, ScriptedUsage usage)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content };
        if (calls.Count > 0)
        {
            message["tool_calls"] = new JsonArray([.. calls.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments },
            })]);
        }

        var completion = Envelope(id, model, "chat.completion");
        completion["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = message,
            ["finish_reason"] = FinishReason(calls),
        });
        completion["usage"] = Usage(usage);
        return completion;
    }

    /// <summary>
    /// The stream's events in OpenAI's order: the role, the text in a few deltas, each tool call's id and name then its
    /// arguments in pieces (so the client has to stitch them together), the finish reason, and the usage when asked for.
    /// </summary>
    public static IEnumerable<JsonObject> Chunks(string id, string model, ScriptedReply reply, IReadOnlyList<ScriptedToolCall> calls, ScriptedUsage? usage)
    {
        yield return Chunk(id, model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null);
        foreach (string piece in Pieces(reply.Content, 3))
        {
            yield return Chunk(id, model, new JsonObject { ["content"] = piece }, null);
        }

        for (int index = 0; index < calls.Count; index++)
        {
            var call = calls[index];
            yield return Chunk(id, model, ToolCallDelta(index, new JsonObject { ["name"] = call.Name, ["arguments"] = "" }, call.Id), null);
            foreach (string piece in Pieces(call.Arguments, 2))
            {
                yield return Chunk(id, model, ToolCallDelta(index, new JsonObject { ["arguments"] = piece }, null), null);
            }
        }

        yield return Chunk(id, model, [], FinishReason(calls));
        if (usage is not null)
        {
            // OpenAI's usage event: no choices, only the counts.
            var usageChunk = Envelope(id, model, "chat.completion.chunk");
            usageChunk["choices"] = new JsonArray();
            usageChunk["usage"] = Usage(usage);
            yield return usageChunk;
        }
    }

    public static JsonObject ErrorBody(ScriptedError error) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = error.Message,
            ["type"] = error.Type,
            ["param"] = null,
            ["code"] = error.Code,
        },
    };

    private static JsonObject Chunk(string id, string model, JsonObject delta, string? finishReason)
    {
        var chunk = Envelope(id, model, "chat.completion.chunk");
        chunk["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason });
        return chunk;
    }

    private static JsonObject ToolCallDelta(int index, JsonObject function, string? id)
    {
        var delta = new JsonObject { ["index"] = index };
        if (id is not null)
        {
            delta["id"] = id;
            delta["type"] = "function";
        }

        delta["function"] = function;
        return new JsonObject { ["tool_calls"] = new JsonArray(delta) };
    }

    private static JsonObject Envelope(string id, string model, string kind) => new()
    {
        ["id"] = id,
        ["object"] = kind,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = model,
    };

    private static JsonObject Usage(ScriptedUsage usage) => new()
    {
        ["prompt_tokens"] = usage.PromptTokens,
        ["completion_tokens"] = usage.CompletionTokens,
        ["total_tokens"] = usage.TotalTokens,
    };

    private static string FinishReason(IReadOnlyList<ScriptedToolCall> calls) => calls.Count > 0 ? "tool_calls" : "stop";

    // About `count` consecutive pieces of the text, never splitting a surrogate pair; none for null or empty text.
    private static IEnumerable<string> Pieces(string? text, int count)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        int size = (text.Length + count - 1) / count;
        for (int start = 0; start < text.Length;)
        {
            int end = Math.Min(start + size, text.Length);
            if (end < text.Length && char.IsHighSurrogate(text[end - 1]))
            {
                end++;
            }

            yield return text[start..end];
            start = end;
        }
    }
}
