using MleDojo.Core.Competitions;

namespace MleDojo.Core.Grading;

/// <summary>
/// Grades with a competition's own <c>grade.py</c> / <c>metric.py</c> in a separate isolated process (never the agent's
/// sandbox). Implemented by MleDojo.Sandbox; used by <see cref="Grader"/> for imported competitions without a library metric.
/// </summary>
public interface IExternalGrader
{
    /// <summary>Scores a submission on the public and on the private answer rows in one process.</summary>
    Task<ExternalVerdict> GradeAsync(PreparedCompetition prepared, string submissionPath, CancellationToken cancellationToken = default);
}

/// <summary>What an external grader said about a submission.</summary>
/// <param name="PublicScore">Score on the public rows, when graded.</param>
/// <param name="PrivateScore">Score on the private rows, when graded.</param>
/// <param name="Invalid">The grader's InvalidSubmissionError message: the agent sees it as a validation error.</param>
/// <param name="Error">The grader failed for another reason (a bug, a timeout): not the submission's fault.</param>
public sealed record ExternalVerdict(double? PublicScore, double? PrivateScore, string? Invalid, string? Error);
