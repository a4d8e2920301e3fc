namespace MleDojo.Agents.Tests.Support;

/// <summary>The token counts a reply reports in its <c>usage</c> object.</summary>
public sealed record ScriptedUsage(int PromptTokens, int CompletionTokens)
{
    public int TotalTokens => PromptTokens + CompletionTokens;

    /// <summary>
    /// The default when a reply sets none: about four characters a token, over the whole request body for the prompt
    /// and over the reply's text and tool calls for the completion. Never zero, so "usage was reported" is visible.
    /// </summary>
    public static ScriptedUsage Estimate(ScriptedRequest request, ScriptedReply reply)
    {
        int completionChars = (reply.Content?.Length ?? 0) + reply.Calls.Sum(c => c.Name.Length + c.Arguments.Length);
        return new ScriptedUsage(Math.Max(1, request.Body.Length / 4), Math.Max(1, completionChars / 4));
    }
}
