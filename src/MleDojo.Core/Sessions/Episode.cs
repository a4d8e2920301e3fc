using System.Globalization;
using MleDojo.Core.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>
/// The rules of one episode, in the Gymnasium sense the environment's state machine: the budgets, which step is best,
/// the reward, and what ends the episode. It does no I/O: the session manager asks it what may happen next, does the
/// work (runs, grading, recording), and tells it what happened.
/// </summary>
/// <remarks>
/// What ends an episode:
/// <list type="bullet">
/// <item><b>terminated</b>: the last allowed final submission was graded (<see cref="Submitted"/>);</item>
/// <item><b>truncated</b>: a budget ran out (<see cref="TruncationDue"/>): the episode wall-clock passed, a run was cut
/// at that deadline, or every step is used and no run is still going; the best valid submission is graded;</item>
/// <item><b>closed</b>: the agent ended it (end_session, reset), or its workspace was lost (<see cref="Close"/>).</item>
/// </list>
/// An episode whose sandbox waits in a scheduler's queue starts <b>queued</b> (<see cref="Queue"/>): its clock has not
/// started and no budget runs out; <see cref="StartClock"/> makes it active. Only an active episode takes steps,
/// submissions or writes; reading and history stay open while queued and after the end.
/// </remarks>
internal sealed class Episode
{
    private readonly Dictionary<int, ScoredStep> _scored = [];
    private readonly List<SubmitResult> _submissions = [];
    private readonly Func<double, double> _rewardOf;
    private readonly TimeProvider _time;

    /// <param name="limits">The episode's budgets.</param>
    /// <param name="higherIsBetter">The metric's direction.</param>
    /// <param name="startedAt">When start_session created it; the wall-clock budget counts from here unless it is queued.</param>
    /// <param name="rewardOf">The reward of a valid public score (the grader's position or normalised score).</param>
    /// <param name="time">The clock.</param>
    public Episode(BudgetLimits limits, bool higherIsBetter, DateTimeOffset startedAt, Func<double, double> rewardOf, TimeProvider time)
    {
        Limits = limits;
        HigherIsBetter = higherIsBetter;
        StartedAt = startedAt;
        ClockStartedAt = startedAt;
        _rewardOf = rewardOf;
        _time = time;
    }

    public BudgetLimits Limits { get; }

    public bool HigherIsBetter { get; }

    /// <summary>When start_session created it.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>When the wall-clock budget began: at creation, or when a queued episode's sandbox was granted; null while queued.</summary>
    public DateTimeOffset? ClockStartedAt { get; private set; }

    /// <summary>When the wall-clock budget runs out; never while the clock has not started.</summary>
    public DateTimeOffset Deadline => ClockStartedAt is { } start ? start.AddSeconds(Limits.EpisodeTimeoutSeconds) : DateTimeOffset.MaxValue;

    public EpisodeState State { get; private set; } = EpisodeState.Active;

    public bool IsActive => State == EpisodeState.Active;

    /// <summary>Waiting for its sandbox: not begun, clock stopped.</summary>
    public bool IsQueued => State == EpisodeState.Queued;

    /// <summary>Terminated, truncated or closed: nothing can change it any more.</summary>
    public bool HasEnded => State is not (EpisodeState.Active or EpisodeState.Queued);

    public string? EndReason { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public int StepsUsed { get; private set; }

    public int RunsInFlight { get; private set; }

    /// <summary>The agent was shown a score computed on test rows (recorded with every result, as MLE-bench asks).</summary>
    public bool SawPublicScores { get; private set; }

    /// <summary>The scored execute_code step with the best public score; ties keep the earlier step.</summary>
    public int? BestStep { get; private set; }

    public double? BestPublicScore => BestStep is { } step ? _scored[step].PublicScore : null;

    /// <summary>Steps whose submission was valid and scored: the only ones that can be submitted.</summary>
    public IReadOnlyList<int> ScoredSteps => [.. _scored.Keys.Order()];

    public IReadOnlyList<SubmitResult> Submissions => _submissions;

    /// <summary>The grading that stands for the episode once it ended; null while active or when nothing valid was graded.</summary>
    public SubmitResult? Final { get; private set; }

    /// <summary>The server-private copy of a scored step's submission.</summary>
    public string SnapshotOf(int step) => _scored[step].Snapshot;

    public bool IsScored(int step) => _scored.ContainsKey(step);

    public bool IsBetter(double candidate, double incumbent) => HigherIsBetter ? candidate > incumbent : candidate < incumbent;

    /// <summary>What is left of every budget, now.</summary>
    public BudgetStatus Budget() => new()
    {
        MaxSteps = Limits.MaxSteps,
        StepsUsed = StepsUsed,
        RunTimeoutSeconds = Limits.RunTimeoutSeconds,
        EpisodeTimeoutSeconds = Limits.EpisodeTimeoutSeconds,
        EpisodeRemainingSeconds = State switch
        {
            EpisodeState.Active => Math.Max(0, Math.Round((Deadline - _time.GetUtcNow()).TotalSeconds, 1)),
            EpisodeState.Queued => Limits.EpisodeTimeoutSeconds,
            _ => 0,
        },
        RunsInFlight = RunsInFlight,
        MaxRunsInFlight = Limits.MaxRunsInFlight,
        MemoryMegabytes = Limits.MemoryMegabytes,
        Cpus = Limits.Cpus,
        SubmissionsRemaining = Math.Max(0, Limits.MaxSubmissions - _submissions.Count),
    };

    /// <summary>
    /// The reason the episode must be truncated now, or null. <paramref name="runCutAtDeadline"/>: a run whose timeout
    /// was the episode deadline timed out, which ends the episode with it rather than at the next call.
    /// </summary>
    public string? TruncationDue(bool runCutAtDeadline = false)
    {
        if (!IsActive)
        {
            return null;
        }

        if (runCutAtDeadline || _time.GetUtcNow() >= Deadline)
        {
            return $"episode wall-clock budget of {Limits.EpisodeTimeoutSeconds} s spent";
        }

        // With runs still going the last step is not over: they finish, then the episode ends.
        return StepsUsed >= Limits.MaxSteps && RunsInFlight == 0 ? $"max_steps budget of {Limits.MaxSteps} steps used" : null;
    }

    /// <summary>
    /// Why an action that changes the episode is refused now, or null when it may go ahead. A queued episode is refused
    /// by its session, which knows the queue (<see cref="QueueStatus.Refusal"/>); here it only gets a generic refusal.
    /// </summary>
    public Refusal? RefuseChange() => State switch
    {
        EpisodeState.Active => null,
        EpisodeState.Queued => new(SessionErrorCode.SessionQueued, "The session is queued: its sandbox has not started yet. Poll get_history until state is 'active'."),
        _ => Over(),
    };

    /// <summary>The sandbox waits in a scheduler's queue: the episode has not begun, and its clock is stopped until <see cref="StartClock"/>.</summary>
    /// <exception cref="InvalidOperationException">The episode has taken a step or ended already.</exception>
    public void Queue()
    {
        if (!IsActive || StepsUsed > 0 || _submissions.Count > 0)
        {
            throw new InvalidOperationException($"Only an episode that has not begun can be queued; this one is {DojoJson.WireName(State)} with {StepsUsed} step(s).");
        }

        State = EpisodeState.Queued;
        ClockStartedAt = null;
    }

    /// <summary>A queued episode's sandbox was granted at <paramref name="at"/>: it becomes active, and its wall clock counts from then.</summary>
    public void StartClock(DateTimeOffset at)
    {
        if (IsQueued)
        {
            State = EpisodeState.Active;
            ClockStartedAt = at;
        }
    }

    /// <summary>Why a validate_code or execute_code is refused now, or null. <paramref name="runsGoing"/> names them in the refusal.</summary>
    public Refusal? RefuseRun(IEnumerable<string> runsGoing)
    {
        if (RefuseChange() is { } over)
        {
            return over;
        }

        if (StepsUsed >= Limits.MaxSteps)
        {
            return new(SessionErrorCode.BudgetExhausted, $"All {Limits.MaxSteps} steps are used. Submit with submit, or end the session.");
        }

        return RunsInFlight >= Limits.MaxRunsInFlight
            ? new(SessionErrorCode.TooManyRuns, $"{RunsInFlight} run(s) already in flight ({string.Join(", ", runsGoing)}); the limit is {Limits.MaxRunsInFlight}. Wait with get_run or stop one with cancel_run.")
            : null;
    }

    /// <summary>The next run's step, id and timeout. Nothing counts until <see cref="RunStarted"/>.</summary>
    public RunPlan PlanRun()
    {
        var step = StepsUsed + 1;
        var remaining = Deadline - _time.GetUtcNow();

        // The last run of an episode gets what is left of its clock, not a full run timeout.
        var endsAtDeadline = remaining.TotalSeconds < Limits.RunTimeoutSeconds;
        var timeout = TimeSpan.FromSeconds(Math.Max(1, Math.Min(Limits.RunTimeoutSeconds, remaining.TotalSeconds)));
        return new RunPlan(step, $"run-{step:D4}", timeout, endsAtDeadline);
    }

    /// <summary>The sandbox started the planned run: its step is used.</summary>
    public void RunStarted(RunPlan plan)
    {
        StepsUsed = plan.Step;
        RunsInFlight++;
    }

    /// <summary>A run ended (any way at all): it no longer holds a slot.</summary>
    public void RunEnded() => RunsInFlight--;

    /// <summary>Whether a run of <paramref name="action"/> that left a valid submission gets a public score.</summary>
    public bool Scores(ActionName action) => action == ActionName.ExecuteCode && IsActive;

    /// <summary>A run's valid submission was scored on the public rows. Returns the step's reward.</summary>
    public double RunScored(int step, double publicScore, string snapshot)
    {
        SawPublicScores = true;
        _scored[step] = new ScoredStep(publicScore, snapshot);
        if (BestPublicScore is not { } best || IsBetter(publicScore, best))
        {
            BestStep = step;
        }

        return _rewardOf(publicScore);
    }

    /// <summary>Which step submit grades (the best public score by default), or why submit is refused.</summary>
    public Refusal? RefuseSubmit(int? requested, out int step)
    {
        step = 0;
        if (RefuseChange() is { } over)
        {
            return over;
        }

        if ((requested ?? BestStep) is not { } chosen)
        {
            return new(SessionErrorCode.NothingToSubmit,
                "No valid submission yet. Run execute_code with a script that writes output/submission.csv in the sample submission's format, then submit.");
        }

        if (!IsScored(chosen))
        {
            var scored = ScoredSteps;
            return new(SessionErrorCode.InvalidArgument,
                $"Step {chosen} has no valid scored submission. Steps you can submit: {(scored.Count == 0 ? "(none)" : string.Join(", ", scored))}.");
        }

        step = chosen;
        return null;
    }

    /// <summary>A final submission was graded. Returns true when it was the last allowed: the episode is then terminated.</summary>
    public bool Submitted(SubmitResult result)
    {
        _submissions.Add(result);
        if (_submissions.Count < Limits.MaxSubmissions)
        {
            return false;
        }

        Final = BestSubmission();
        End(EpisodeState.Terminated, Limits.MaxSubmissions == 1 ? "final submission graded" : $"all {Limits.MaxSubmissions} final submissions graded");
        return true;
    }

    /// <summary>
    /// The step to grade when the episode ends without the agent's own submission: its best public score. Null when the
    /// agent submitted (its best submission stands) or nothing valid was scored.
    /// </summary>
    public int? StepToGradeAtEnd => _submissions.Count > 0 ? null : BestStep;

    /// <summary>A budget ran out. <paramref name="graded"/> is the grading of <see cref="StepToGradeAtEnd"/>.</summary>
    public void Truncate(string reason, SubmitResult? graded)
    {
        Final = (_submissions.Count > 0 ? BestSubmission() : graded) is { } final ? final with { Truncated = true } : null;
        End(EpisodeState.Truncated, reason);
    }

    /// <summary>The agent ended the episode (or it cannot go on). <paramref name="graded"/> is the grading of <see cref="StepToGradeAtEnd"/>.</summary>
    public void Close(string reason, SubmitResult? graded)
    {
        Final = _submissions.Count > 0 ? BestSubmission() : graded;
        End(EpisodeState.Closed, reason);
    }

    /// <summary>Brings back an episode from its record after a restart (the session loader replays steps and submissions first).</summary>
    /// <param name="state">The recorded state.</param>
    /// <param name="clockStartedAt">When its clock started; null while queued, and for records written before it was kept (the creation then).</param>
    /// <param name="endReason">Why it ended.</param>
    /// <param name="endedAt">When it ended.</param>
    /// <param name="sawPublicScores">Whether the agent saw public scores.</param>
    /// <param name="final">The grading that stands for it.</param>
    public void Restore(EpisodeState state, DateTimeOffset? clockStartedAt, string? endReason, DateTimeOffset? endedAt, bool sawPublicScores, SubmitResult? final)
    {
        State = state;
        ClockStartedAt = state == EpisodeState.Queued ? null : clockStartedAt ?? StartedAt;
        EndReason = endReason;
        EndedAt = endedAt;
        SawPublicScores = sawPublicScores;
        Final = final;
    }

    /// <summary>A recorded run step, replayed after a restart.</summary>
    public void ReplayStep(int step) => StepsUsed = Math.Max(StepsUsed, step);

    /// <summary>A recorded scored step whose snapshot still exists, replayed after a restart.</summary>
    public void ReplayScore(int step, double publicScore, string snapshot) => RunScored(step, publicScore, snapshot);

    /// <summary>A recorded final submission, replayed after a restart.</summary>
    public void ReplaySubmission(SubmitResult result) => _submissions.Add(result);

    private SubmitResult BestSubmission() =>
        _submissions
            .OrderBy(s => s.PrivateScore is null ? 1 : 0)
            .ThenBy(s => HigherIsBetter ? -(s.PrivateScore ?? 0) : s.PrivateScore ?? 0)
            .First();

    private void End(EpisodeState state, string reason)
    {
        State = state;
        EndReason = reason;
        EndedAt = _time.GetUtcNow();
    }

    private Refusal Over()
    {
        var final = Final?.PrivateScore is { } score
            ? $" Final private score: {score.ToString("G6", CultureInfo.InvariantCulture)} (step {Final.Step})."
            : " No valid submission was graded.";
        return new(SessionErrorCode.EpisodeOver,
            $"The episode is {DojoJson.WireName(State)}: {EndReason}.{final} Start a new episode with reset or start_session; get_history still works.");
    }

    private readonly record struct ScoredStep(double PublicScore, string Snapshot);
}
