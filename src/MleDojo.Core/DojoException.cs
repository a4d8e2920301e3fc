namespace MleDojo.Core;

/// <summary>
/// A failure the caller can act on: a machine-readable <see cref="Code"/> (snake_case, stable, for example
/// <c>unknown_session</c> or <c>budget_exhausted</c>), a message that says what is wrong, and a <see cref="Hint"/>
/// that says what to do. The MCP tools and the CLI each map it once; anything else that escapes is a server fault.
/// </summary>
public abstract class DojoException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The machine-readable reason, snake_case.</param>
    /// <param name="message">What is wrong, naming the input at fault.</param>
    /// <param name="hint">What to do about it, when the message does not already say.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    protected DojoException(string code, string message, string? hint = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Hint = hint;
    }

    /// <summary>The machine-readable reason, snake_case.</summary>
    public string Code { get; }

    /// <summary>What to do about it, for whoever made the call (an agent or an operator); null when the message already says.</summary>
    public string? Hint { get; }

    /// <summary>
    /// The message as an agent may read it over MCP: no host paths or server internals. The default is
    /// <see cref="Exception.Message"/>; types whose message names server files override it.
    /// </summary>
    public virtual string MessageForAgent => Message;
}
