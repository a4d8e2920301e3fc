namespace MleDojo.Agents.Tests.Support;

/// <summary>
/// An HTTP error the endpoint answers with, its body shaped like OpenAI's (<c>{"error":{"message","type","code"}}</c>),
/// so the OpenAI SDK reads it as it would a real one. <see cref="RetryAfter"/> becomes a <c>Retry-After</c> header in
/// whole seconds, which the SDK's retry policy honours.
/// </summary>
public sealed record ScriptedError(int Status, string Message, string Type, string? Code = null, TimeSpan? RetryAfter = null)
{
    /// <summary>An error with the message, type and code OpenAI gives for that status.</summary>
    public static ScriptedError ForStatus(int status, string? message = null, TimeSpan? retryAfter = null) => status switch
    {
        401 => new(status, message ?? "Incorrect API key provided.", "invalid_request_error", "invalid_api_key", retryAfter),
        429 => new(status, message ?? "Rate limit reached (scripted).", "requests", "rate_limit_exceeded", retryAfter),
        >= 500 => new(status, message ?? $"The server had an error (scripted {status}).", "server_error", null, retryAfter),
        _ => new(status, message ?? $"Scripted error {status}.", "invalid_request_error", null, retryAfter),
    };
}
