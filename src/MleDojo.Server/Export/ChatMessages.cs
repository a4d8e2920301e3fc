using System.Text.Json.Nodes;
using MleDojo.Core.Recording;
using MleDojo.Core.Sessions;

namespace MleDojo.Server.Export;

/// <summary>Messages in the OpenAI chat shape, and a recorded step's call and result as a client made and read them.</summary>
internal static class ChatMessages
{
    public static JsonObject Text(string role, string content) => new() { ["role"] = role, ["content"] = content };

    public static JsonObject Assistant(string? text, IEnumerable<(string Id, string Name, string Arguments)> calls) => new()
    {
        ["role"] = "assistant",
        ["content"] = text,
        ["tool_calls"] = new JsonArray([.. calls.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id,
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments },
        })]),
    };

    public static JsonObject ToolResult(string callId, string content) => new() { ["role"] = "tool", ["tool_call_id"] = callId, ["content"] = content };

    /// <summary>
    /// The arguments of a recorded call, as JSON text. The record keeps what matters of them (the code, the path and
    /// content, the info type, the step); a refused call kept only why it was refused, so it shows the session alone.
    /// </summary>
    public static string ArgumentsOf(string sessionId, StepRecord step)
    {
        var recorded = step.ArgumentsJson is { } json && step.Status != StepStatus.Refused ? JsonNode.Parse(json) as JsonObject : null;
        var arguments = step.Action == ActionName.StartSession ? new JsonObject() : new JsonObject { ["session_id"] = sessionId };
        switch (step.Action)
        {
            case ActionName.StartSession:
                arguments["competition_id"] = recorded?["competition_id"]?.DeepClone();
                break;
            case ActionName.ExecuteCode or ActionName.ValidateCode when step.Code is { } code:
                arguments["code"] = code;
                break;
            case ActionName.RequestInfo:
                arguments["info_type"] = recorded?["info_type"]?.DeepClone();
                break;
            case ActionName.WriteFile when recorded is not null:
                arguments["path"] = recorded["path"]?.DeepClone();
                arguments["content"] = step.Code;
                break;
            case ActionName.Submit when (recorded?["step"] is JsonValue chosen):
                arguments["step"] = chosen.DeepClone();
                break;
        }

        return arguments.ToJsonString();
    }

    /// <summary>What the client read back: the result, or for a refusal the error text it was given.</summary>
    public static string ResultOf(StepRecord step)
    {
        if (step.Status == StepStatus.Refused && step.ArgumentsJson is { } json && JsonNode.Parse(json) is JsonObject refusal)
        {
            return $"[{refusal["reason"]}] {refusal["message"]}";
        }

        return step.ResultJson ?? (step.Status == StepStatus.Running ? "(the run was still going when this was exported)" : "{}");
    }

    /// <summary>Reads a JSON column, or null.</summary>
    public static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}
