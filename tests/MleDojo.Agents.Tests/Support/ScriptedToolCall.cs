namespace MleDojo.Agents.Tests.Support;

/// <summary>
/// A function call as it travels in the chat completions API: the tool's name and its arguments as the raw string the
/// model wrote (not parsed, so a script can send malformed JSON). <see cref="Id"/> is null in a scripted reply until
/// the endpoint gives it one.
/// </summary>
public sealed record ScriptedToolCall(string Name, string Arguments, string? Id = null);
