namespace MleDojo.Agents.Tests.Support;

/// <summary>
/// One message of a recorded request's conversation: its role, its text (the text parts joined when the content is an
/// array), the tool calls of an assistant message and the <c>tool_call_id</c> of a tool message.
/// </summary>
public sealed record ScriptedMessage(string Role, string? Content, IReadOnlyList<ScriptedToolCall> ToolCalls, string? ToolCallId);
