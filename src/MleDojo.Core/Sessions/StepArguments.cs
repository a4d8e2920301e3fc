namespace MleDojo.Core.Sessions;

// The arguments a step's record keeps (its code is kept apart), named snake_case by DojoJsonContext's policy.

/// <summary>start_session's arguments.</summary>
internal sealed record StartArguments(string CompetitionId, BudgetRequest? Budget);

/// <summary>request_info's arguments.</summary>
internal sealed record InfoArguments(string InfoType);

/// <summary>write_file's arguments (the content is kept as the step's code).</summary>
internal sealed record WriteArguments(string Path, int Bytes);

/// <summary>submit's arguments: the step asked for, or null for the best.</summary>
internal sealed record SubmitArguments(int? Step);

/// <summary>Why the server truncated the episode.</summary>
internal sealed record TruncateArguments(string Reason);

/// <summary>A resumed episode: the server restarted.</summary>
internal sealed record ResumeArguments(bool ServerRestart);

/// <summary>A refused call: the refusal's code and message.</summary>
internal sealed record RefusalArguments(string Reason, string Message);
