namespace MleDojo.Core.Sessions;

/// <summary>The arguments a step's record keeps (its code is kept apart), named snake_case by DojoJsonContext's policy.</summary>
internal static class StepArguments
{
    /// <summary>start_session's arguments.</summary>
    public sealed record Start(string CompetitionId, BudgetRequest? Budget);

    /// <summary>request_info's arguments.</summary>
    public sealed record Info(string InfoType);

    /// <summary>write_file's arguments (the content is kept as the step's code).</summary>
    public sealed record Write(string Path, int Bytes);

    /// <summary>submit's arguments: the step asked for, or null for the best.</summary>
    public sealed record Submit(int? Step);

    /// <summary>Why the server truncated the episode.</summary>
    public sealed record Truncate(string Reason);

    /// <summary>A resumed episode: the server restarted.</summary>
    public sealed record Resume(bool ServerRestart);

    /// <summary>A refused call: the code the caller was given, and the message.</summary>
    public sealed record Refusal(SessionErrorCode Reason, string Message);
}
