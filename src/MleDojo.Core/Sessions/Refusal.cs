namespace MleDojo.Core.Sessions;

/// <summary>Why the episode's rules refuse an action: recorded as a refused step, then thrown as a <see cref="SessionException"/>.</summary>
internal sealed record Refusal(SessionErrorCode Code, string Message);
