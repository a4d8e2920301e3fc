using System.Text.Json;
using System.Text.Json.Nodes;

namespace MleDojo.Agents;

/// <summary>Which of the server's tools an agent's model is given, and how each looks to it.</summary>
public static class AgentTools
{
    /// <summary>The argument the agent fills in itself, so the model never carries it.</summary>
    public const string SessionIdParameter = "session_id";

    // The agent runs the episode's lifecycle itself; the model gets the tools that work inside one.
    private static readonly HashSet<string> Lifecycle = new(["list_competitions", "start_session", "reset"], StringComparer.Ordinal);

    /// <summary>Whether the model is given the tool named <paramref name="name"/>.</summary>
    public static bool IsOffered(string name) => !Lifecycle.Contains(name);

    /// <summary>The tool's input schema as the model sees it: without <c>session_id</c>.</summary>
    public static JsonElement SchemaAsOffered(JsonElement inputSchema)
    {
        var node = JsonNode.Parse(inputSchema.GetRawText())!.AsObject();
        (node["properties"] as JsonObject)?.Remove(SessionIdParameter);
        if (node["required"] is JsonArray required)
        {
            foreach (var item in required.Where(r => r?.GetValue<string>() == SessionIdParameter).ToList())
            {
                required.Remove(item);
            }
        }

        return JsonSerializer.SerializeToElement(node, OutputText.Json);
    }
}
