using System.Text.Json;

namespace MleDojo.Agents.Tests.Support;

/// <summary>
/// A chat completions request as the endpoint received it: the raw JSON body (for anything not parsed here) and the
/// parts tests look at. <see cref="Temperature"/> is null when the client sent none, so a test can tell "not sent"
/// from a value.
/// </summary>
public sealed record ScriptedRequest(
    string Body,
    string? Authorization,
    string? Model,
    double? Temperature,
    bool Stream,
    bool IncludeUsage,
    IReadOnlyList<ScriptedMessage> Messages,
    IReadOnlyList<string> Tools)
{
    /// <summary>The tool messages (function results) of the conversation, in order.</summary>
    public IEnumerable<ScriptedMessage> ToolResults => Messages.Where(m => m.Role == "tool");

    /// <summary>Parses a request body; throws <see cref="JsonException"/> when it is not a JSON object.</summary>
    public static ScriptedRequest Parse(string body, string? authorization)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The request body is not a JSON object.");
        }

        return new ScriptedRequest(
            body,
            authorization,
            StringOf(root, "model"),
            root.TryGetProperty("temperature", out var temperature) && temperature.ValueKind == JsonValueKind.Number
                ? temperature.GetDouble()
                : null,
            root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True,
            root.TryGetProperty("stream_options", out var options)
                && options.ValueKind == JsonValueKind.Object
                && options.TryGetProperty("include_usage", out var includeUsage)
                && includeUsage.ValueKind == JsonValueKind.True,
            [.. ArrayOf(root, "messages").Select(ParseMessage)],
            [.. ArrayOf(root, "tools").Select(t => t.TryGetProperty("function", out var f) ? StringOf(f, "name") : null).OfType<string>()]);
    }

    private static ScriptedMessage ParseMessage(JsonElement message) => new(
        StringOf(message, "role") ?? "",
        ContentText(message),
        [.. ArrayOf(message, "tool_calls").Select(call => call.TryGetProperty("function", out var function)
            ? new ScriptedToolCall(StringOf(function, "name") ?? "", StringOf(function, "arguments") ?? "", StringOf(call, "id"))
            : new ScriptedToolCall("", "", StringOf(call, "id")))],
        StringOf(message, "tool_call_id"));

    // Content is a string, or an array of parts of which the text ones count here.
    private static string? ContentText(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return null;
        }

        return content.ValueKind switch
        {
            JsonValueKind.String => content.GetString(),
            JsonValueKind.Array => string.Concat(content.EnumerateArray()
                .Where(part => StringOf(part, "type") == "text")
                .Select(part => StringOf(part, "text"))),
            _ => null,
        };
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static IEnumerable<JsonElement> ArrayOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];
}
