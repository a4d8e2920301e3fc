using MleDojo.Core.Grading;

namespace MleDojo.Core.Sessions;

/// <summary>What a run left as its submission: the status the agent sees, the check, and the server's private copy.</summary>
/// <param name="Status">Found, written by this run, valid, rows, errors.</param>
/// <param name="Check">The check of the copy; null when there was nothing to copy.</param>
/// <param name="Path">The private copy; null when there was nothing to copy.</param>
internal sealed record SubmissionSnapshot(SubmissionStatus Status, SubmissionCheck? Check, string? Path);
