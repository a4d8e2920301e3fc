using MleDojo.Core.Execution;
using MleDojo.Core.Grading;
using MleDojo.Core.Metrics;

namespace MleDojo.Core.Sessions;

/// <summary>
/// What happens when a run ends, however it ends: its submission is taken and checked, an execute_code run's valid
/// submission is scored on the public rows, the episode learns of it (best step, reward, truncation), and the run's
/// record gets the result the agent is given. It never throws: a run's bookkeeping must not take the server down.
/// </summary>
internal sealed class RunCompletion(EngineServices services, Func<bool> serverStopping)
{
    /// <summary>Waits for the run's process, then settles it under the session's gate. <paramref name="fingerprintBefore"/> is the submission's hash before the run.</summary>
    public async Task<RunResult> FinishAsync(Session session, RunHandle handle, string? fingerprintBefore)
    {
        var outcome = await handle.Run.Completion.ConfigureAwait(false);
        using var lease = await session.LockAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var episode = session.Episode;
            episode.RunEnded();

            // Killed because the server is shutting down: recorded as interrupted, as after a crash, and neither
            // scored nor allowed to end the episode; recovery decides what the episode's state is.
            var interrupted = serverStopping() && outcome.Outcome == SandboxRunOutcome.Cancelled;
            var submission = await session.Submissions.TakeAsync(handle.Step, fingerprintBefore).ConfigureAwait(false);
            var note = interrupted ? RunResults.InterruptedNote : outcome.Note;
            double? publicScore = null;
            double reward = 0;
            string? kept = null;
            if (!interrupted && submission is { Check.IsValid: true, Path: { } snapshot } && episode.Scores(handle.Action))
            {
                try
                {
                    publicScore = services.Grader.Score(session.Prepared, submission.Check, ScoreSplit.Public);
                    reward = episode.RunScored(handle.Step, publicScore.Value, snapshot);
                    kept = snapshot;
                }
                catch (MetricException ex)
                {
                    note = RunResults.Join(note, $"The submission is valid but could not be scored: {ex.Message}");
                }
            }

            // Only scored copies can be submitted later; the others (validate_code, invalid, unscorable) go now.
            if (submission.Path is { } copy && copy != kept)
            {
                SubmissionSnapshots.Discard(copy);
            }

            var status = interrupted ? RunStatus.Interrupted : RunResults.StatusOf(outcome.Outcome);
            var result = RunResults.Ended(session, handle, outcome, status, submission.Status, publicScore, reward, note);
            if (!interrupted && episode.TruncationDue(runCutAtDeadline: handle.EndsAtDeadline && outcome.Outcome == SandboxRunOutcome.TimedOut) is { } reason)
            {
                await session.TruncateAsync(reason).ConfigureAwait(false);
            }

            var truncated = episode.State == EpisodeState.Truncated;
            result = result with
            {
                Terminated = episode.State == EpisodeState.Terminated,
                Truncated = truncated,
                Final = truncated ? episode.Final : null,
                Note = truncated ? RunResults.Join(result.Note, $"Episode truncated: {episode.EndReason}.") : result.Note,
                Budget = episode.Budget(),
            };
            await session.Recorder.RunFinished(handle.Seq, result, kept).ConfigureAwait(false);
            await session.SaveAsync().ConfigureAwait(false);
            return result;
        }
#pragma warning disable CA1031 // a run's bookkeeping must never take the server down
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SessionLog.FinishFailed(services.Logger, ex, handle.RunId, session.Id);
            return RunResults.Running(session, handle, services.Time.GetUtcNow()) with { Status = RunStatus.Failed, Note = "The server failed to record this run; it did not count against the score. See the server log." };
        }
    }
}
