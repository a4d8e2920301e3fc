using System.Globalization;
using MleDojo.Core.Grading;
using Microsoft.Extensions.Logging;

namespace MleDojo.Core.Sessions;

public sealed partial class SessionManager
{
    /// <summary>
    /// Grades a submission on the private rows (Kaggle's final submission). <paramref name="step"/> picks an
    /// execute_code step; by default the best public score. The episode terminates when the last allowed
    /// submission is graded.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(string sessionId, int? step = null, CancellationToken cancellationToken = default)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureActiveLocked(session, ActionNames.Submit).ConfigureAwait(false);
            var chosen = step ?? session.BestStep;
            if (chosen is null)
            {
                throw await RefuseLocked(session, ActionNames.Submit, SessionErrorCode.NothingToSubmit,
                    "No valid submission yet. Run execute_code with a script that writes output/submission.csv in the sample submission's format, then submit.").ConfigureAwait(false);
            }

            if (!session.Scored.ContainsKey(chosen.Value))
            {
                var scored = session.Scored.Keys.Order().ToList();
                throw await RefuseLocked(session, ActionNames.Submit, SessionErrorCode.InvalidArgument,
                    $"Step {chosen} has no valid scored submission. Steps you can submit: {(scored.Count == 0 ? "(none)" : string.Join(", ", scored))}.").ConfigureAwait(false);
            }

            var result = await GradeStepLockedAsync(session, chosen.Value, automatic: false).ConfigureAwait(false);
            session.Submissions.Add(result);
            if (session.Submissions.Count >= session.Limits.MaxSubmissions)
            {
                await KillRunsLocked(session).ConfigureAwait(false);
                session.Final = BestOf(session, session.Submissions);
                EndLocked(session, EpisodeState.Terminated, session.Limits.MaxSubmissions == 1 ? "final submission graded" : $"all {session.Limits.MaxSubmissions} final submissions graded");
            }

            result = result with
            {
                Terminated = session.State == EpisodeState.Terminated,
                Budget = session.Budget(_time.GetUtcNow()),
            };
            await RecordAsync(session, ActionNames.Submit, "ok", new { step }, result, publicScore: result.PublicScore, privateScore: result.PrivateScore, reward: result.PositionScore ?? result.NormalizedScore).ConfigureAwait(false);
            await SaveAsync(session, CancellationToken.None).ConfigureAwait(false);
            return result;
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private async Task EnsureActiveLocked(Session session, string action)
    {
        await EnforceDeadlineLocked(session).ConfigureAwait(false);
        if (session.State == EpisodeState.Active)
        {
            return;
        }

        var final = session.Final?.PrivateScore is { } score
            ? $" Final private score: {score.ToString("G6", CultureInfo.InvariantCulture)} (step {session.Final.Step})."
            : " No valid submission was graded.";
        throw await RefuseLocked(session, action, SessionErrorCode.EpisodeOver,
            $"The episode is {StateName(session.State)}: {session.EndReason}.{final} Start a new episode with reset or start_session; get_history still works.").ConfigureAwait(false);
    }

    private async Task<SessionException> RefuseLocked(Session session, string action, SessionErrorCode code, string message)
    {
        await RecordAsync(session, action, "refused", new { reason = code.ToString(), message }, result: null).ConfigureAwait(false);
        _logger.LogInformation("Session {SessionId}: {Action} refused ({Code}): {Reason}", session.Id, action, code, message);
        return new SessionException(code, message);
    }

    private async Task EnforceDeadlineLocked(Session session)
    {
        if (session.State == EpisodeState.Active && _time.GetUtcNow() >= session.Deadline)
        {
            await TruncateLocked(session, EpisodeClockSpent(session)).ConfigureAwait(false);
            await SaveAsync(session, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private const string InterruptedNote = "The server stopped while this run was going; its process was killed. Output printed before is kept in its logs; run the step again if you need its result.";

    private static string StepsSpent(Session session) => $"max_steps budget of {session.Limits.MaxSteps} steps used";

    private static string EpisodeClockSpent(Session session) => $"episode wall-clock budget of {session.Limits.EpisodeTimeoutSeconds} s spent";

    /// <summary>A budget ran out: stop runs, grade the best valid submission (or keep the best already submitted), end the episode.</summary>
    private async Task TruncateLocked(Session session, string reason)
    {
        await KillRunsLocked(session).ConfigureAwait(false);
        session.Final = session.Submissions.Count > 0
            ? BestOf(session, session.Submissions)
            : await GradeBestLockedAsync(session, automatic: true, EpisodeState.Truncated).ConfigureAwait(false);
        EndLocked(session, EpisodeState.Truncated, reason);
        if (session.Final is not null)
        {
            session.Final = session.Final with { Truncated = true };
        }

        await RecordAsync(session, "truncate", "ok", new { reason }, session.Final, privateScore: session.Final?.PrivateScore).ConfigureAwait(false);
    }

    private async Task<SubmitResult?> GradeBestLockedAsync(Session session, bool automatic, EpisodeState ending) =>
        session.BestStep is { } best
            ? await GradeStepLockedAsync(session, best, automatic).ConfigureAwait(false) with { Truncated = ending == EpisodeState.Truncated }
            : null;

    private async Task<SubmitResult> GradeStepLockedAsync(Session session, int step, bool automatic)
    {
        // Async: an imported competition may be graded by its own code in a separate process.
        var report = await _grader.GradeAsync(session.Prepared, session.Scored[step].Snapshot).ConfigureAwait(false);
        return new SubmitResult
        {
            SessionId = session.Id,
            Step = step,
            PrivateScore = report.PrivateScore,
            PublicScore = report.PublicScore,
            PositionScore = report.PositionScore,
            Medal = report.Medal,
            NormalizedScore = report.NormalizedScore,
            Automatic = automatic,
            Terminated = false,
            Truncated = false,
            SawPublicScores = session.SawPublicScores,
            Report = report,
            Budget = session.Budget(_time.GetUtcNow()),
        };
    }

    private static SubmitResult BestOf(Session session, IReadOnlyList<SubmitResult> submissions)
    {
        var higher = session.Spec.Metric.HigherIsBetter;
        return submissions
            .OrderBy(s => s.PrivateScore is null ? 1 : 0)
            .ThenBy(s => higher ? -(s.PrivateScore ?? 0) : s.PrivateScore ?? 0)
            .First();
    }
}
