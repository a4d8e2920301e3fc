namespace MleDojo.Agents.Tests.Support;

/// <summary>
/// One answer of the scripted model, consumed by one request: assistant text, tool calls (text and tool calls may go
/// together, as OpenAI allows), an HTTP error, or a reply computed from the request when it arrives. Build them with
/// the factories; <c>with { Content = ... }</c> and <see cref="WithUsage"/> adjust one.
/// </summary>
public sealed record ScriptedReply
{
    private ScriptedReply()
    {
    }

    /// <summary>The assistant message's text; null for a tool-calls-only message.</summary>
    public string? Content { get; init; }

    /// <summary>The tool calls of the assistant message, in order; empty for a text reply.</summary>
    public IReadOnlyList<ScriptedToolCall> Calls { get; private init; } = [];

    /// <summary>When set, the endpoint answers with this HTTP error instead of a completion.</summary>
    public ScriptedError? HttpError { get; private init; }

    /// <summary>When set, the reply is this function's answer to the request (resolved when the request arrives).</summary>
    public Func<ScriptedRequest, ScriptedReply>? Compute { get; private init; }

    /// <summary>The usage to report; null for <see cref="ScriptedUsage.Estimate"/>.</summary>
    public ScriptedUsage? Usage { get; init; }

    public static ScriptedReply Text(string content) => new() { Content = content };

    /// <summary>One call of <paramref name="name"/> with <paramref name="arguments"/> sent as written (any string).</summary>
    public static ScriptedReply ToolCall(string name, string arguments) => ToolCalls((name, arguments));

    /// <summary>Several calls in one assistant message, as a model asking for parallel tool calls sends them.</summary>
    public static ScriptedReply ToolCalls(params (string Name, string Arguments)[] calls) =>
        new() { Calls = [.. calls.Select(c => new ScriptedToolCall(c.Name, c.Arguments))] };

    /// <summary>An HTTP error with OpenAI's message, type and code for the status (<see cref="ScriptedError.ForStatus"/>).</summary>
    public static ScriptedReply Error(int status, string? message = null, TimeSpan? retryAfter = null) =>
        Error(ScriptedError.ForStatus(status, message, retryAfter));

    public static ScriptedReply Error(ScriptedError error) => new() { HttpError = error };

    /// <summary>A reply decided when the request arrives, e.g. from a session id or tool result in the conversation.</summary>
    public static ScriptedReply From(Func<ScriptedRequest, ScriptedReply> compute) => new() { Compute = compute };

    public ScriptedReply WithUsage(int promptTokens, int completionTokens) =>
        this with { Usage = new ScriptedUsage(promptTokens, completionTokens) };
}
