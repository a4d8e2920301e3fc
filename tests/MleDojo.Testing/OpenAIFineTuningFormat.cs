using System.Text.Json;
using System.Text.Json.Nodes;

namespace MleDojo.Testing;

/// <summary>
/// The checks OpenAI's fine-tuning data validation makes of a chat example with tools: a <c>messages</c> list of
/// known roles with string contents, at least one assistant message, assistant tool calls with an id, the type
/// <c>function</c>, a name and arguments that parse as a JSON object, every tool message answering a call made before
/// it, every call answered, and a <c>tools</c> list of functions with a name and object parameters that holds every
/// function called.
/// </summary>
public static class OpenAIFineTuningFormat
{
    private static readonly HashSet<string> Roles = ["system", "user", "assistant", "tool"];

    /// <summary>Every problem of one JSONL line; empty when it is a valid example.</summary>
    public static IReadOnlyList<string> Problems(string line)
    {
        var problems = new List<string>();
        if (JsonNode.Parse(line) is not JsonObject example || example["messages"] is not JsonArray messages || messages.Count == 0)
        {
            return ["no non-empty messages list"];
        }

        var offered = (example["tools"] as JsonArray ?? []).OfType<JsonObject>().Select(t =>
        {
            if (t["type"]?.GetValue<string>() != "function" || t["function"]?["name"]?.GetValue<string>() is not { Length: > 0 } name || t["function"]?["parameters"] is not JsonObject)
            {
                problems.Add($"tool {t.ToJsonString()}: needs type function, a name and object parameters");
                return "";
            }

            return name;
        }).ToHashSet();
        var open = new HashSet<string>();
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject message || message["role"]?.GetValue<string>() is not { } role || !Roles.Contains(role))
            {
                problems.Add($"message {i}: no known role");
                continue;
            }

            if (message["content"] is { } content && content.GetValueKind() != JsonValueKind.String)
            {
                problems.Add($"message {i}: content is not a string");
            }

            if (role == "tool")
            {
                var id = message["tool_call_id"]?.GetValue<string>();
                if (id is null || !open.Remove(id))
                {
                    problems.Add($"message {i}: tool_call_id '{id}' answers no call made before it");
                }
            }
            else if (role == "assistant" && message["tool_calls"] is JsonArray calls)
            {
                foreach (var call in calls.OfType<JsonObject>())
                {
                    var id = call["id"]?.GetValue<string>();
                    var name = call["function"]?["name"]?.GetValue<string>();
                    var arguments = call["function"]?["arguments"]?.GetValue<string>();
                    if (id is null || call["type"]?.GetValue<string>() != "function" || name is null || !open.Add(id))
                    {
                        problems.Add($"message {i}: a tool call needs a unique id, type function and a name");
                    }

                    if (name is not null && !offered.Contains(name))
                    {
                        problems.Add($"message {i}: calls '{name}', which tools does not hold");
                    }

                    try
                    {
                        if (arguments is null || JsonNode.Parse(arguments) is not JsonObject)
                        {
                            problems.Add($"message {i}: arguments of '{name}' are not a JSON object");
                        }
                    }
                    catch (JsonException)
                    {
                        problems.Add($"message {i}: arguments of '{name}' are not JSON");
                    }
                }
            }
            else if (role is "system" or "user" && message["content"] is null)
            {
                problems.Add($"message {i}: {role} message without content");
            }
        }

        if (!messages.OfType<JsonObject>().Any(m => m["role"]?.GetValue<string>() == "assistant"))
        {
            problems.Add("no assistant message");
        }

        problems.AddRange(open.Select(id => $"call {id} is never answered"));
        return problems;
    }
}
