using MleDojo.Core.Recording;
using MleDojo.Core.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>
/// Writes one episode's record: a step per call, numbered without gaps, and the session row. Every write commits
/// before it returns, and none takes the caller's cancellation token: a call the client gave up on still happened,
/// and its record must not be lost halfway. Its JSON is <see cref="DojoJson"/>'s, as the tools' is.
/// </summary>
internal sealed class EpisodeRecorder(SqliteSessionStore store, string sessionId, TimeProvider time, int lastSeq = 0)
{
    private int _seq = lastSeq;

    // Every call keeps the result its caller was given, so a trajectory can be replayed as the conversation it was.
    public Task SessionStarted(string competitionId, BudgetRequest? budget, SessionStarted result) =>
        AppendAsync(ActionName.StartSession, StepStatus.Ok, new StepArguments.Start(competitionId, budget), result);

    public Task InfoRequested(InfoResult result) =>
        AppendAsync(ActionName.RequestInfo, StepStatus.Ok, new StepArguments.Info(result.InfoType), result);

    public Task FileWritten(FileWritten result, string content) =>
        AppendAsync(ActionName.WriteFile, StepStatus.Ok, new StepArguments.Write(result.Path, (int)result.Bytes), result, code: content);

    /// <summary>A run was started: recorded as running, with its code, before it can end. Returns its record's number.</summary>
    public Task<int> RunStarted(ActionName action, RunPlan plan, string code) =>
        AppendAsync(action, StepStatus.Running, arguments: null, step: plan.Step, runId: plan.RunId, code: code);

    /// <summary>A run ended: its record gets the result the agent was given.</summary>
    public Task RunFinished(int seq, RunResult result, string? snapshot) =>
        store.UpdateStepAsync(sessionId, seq, StepStatuses.Of(result.Status), DojoJson.Serialize(result), result.PublicScore, result.Reward, result.DurationSeconds, snapshot);

    /// <summary>A run lost with a stopped server (found at recovery).</summary>
    public Task RunInterrupted(int seq, RunResult result) =>
        store.UpdateStepAsync(sessionId, seq, StepStatus.Interrupted, DojoJson.Serialize(result), null, 0, null, null);

    /// <summary>A refused call; the reason is the code the caller was given (<c>episode_over</c>).</summary>
    public Task Refused(ActionName action, Refusal refusal) =>
        AppendAsync(action, StepStatus.Refused, new StepArguments.Refusal(refusal.Code, refusal.Message));

    /// <summary>A final submission graded; its reward is the position score where a leaderboard exists, else the normalised score.</summary>
    public Task Submitted(int? requestedStep, SubmitResult result) =>
        AppendAsync(ActionName.Submit, StepStatus.Ok, new StepArguments.Submit(requestedStep), result, publicScore: result.PublicScore, privateScore: result.PrivateScore, reward: result.PositionScore ?? result.NormalizedScore);

    public Task Truncated(string reason, SubmitResult? final) =>
        AppendAsync(ActionName.Truncate, StepStatus.Ok, new StepArguments.Truncate(reason), final, privateScore: final?.PrivateScore);

    public Task Ended(SubmitResult? final) =>
        AppendAsync(ActionName.EndSession, StepStatus.Ok, arguments: null, final);

    public Task Resumed() =>
        AppendAsync(ActionName.Resume, StepStatus.Ok, new StepArguments.Resume(ServerRestart: true));

    /// <summary>Every recorded step, in order.</summary>
    public Task<IReadOnlyList<StepRecord>> StepsAsync(CancellationToken cancellationToken) => store.ListStepsAsync(sessionId, cancellationToken);

    /// <summary>The result a finished run's record holds, for get_run and cancel_run on a run this process no longer tracks.</summary>
    public async Task<RunResult> RecordedRunAsync(string? runId, CancellationToken cancellationToken)
    {
        var steps = await StepsAsync(cancellationToken).ConfigureAwait(false);
        if (steps.LastOrDefault(s => s.RunId == runId && s.ResultJson is not null)?.ResultJson is { } json)
        {
            return DojoJson.Deserialize<RunResult>(json);
        }

        var known = string.Join(", ", steps.Where(s => s.RunId is not null).Select(s => s.RunId).Distinct());
        throw new SessionException(SessionErrorCode.UnknownRun, $"No run '{runId}' in session {sessionId}. Known runs: {(known.Length == 0 ? "(none)" : known)}.");
    }

    public Task SaveAsync(SessionRecord record) => store.SaveSessionAsync(record);

    /// <summary>The limits as the session row stores them.</summary>
    public static string BudgetJson(BudgetLimits limits) => DojoJson.Serialize(limits);

    /// <summary>A final grading as the session row stores it.</summary>
    public static string? FinalJson(SubmitResult? final) => final is null ? null : DojoJson.Serialize(final);

    private async Task<int> AppendAsync(ActionName action, StepStatus status, object? arguments, object? result = null, int? step = null, string? runId = null,
        string? code = null, double? publicScore = null, double? privateScore = null, double? reward = null)
    {
        var seq = ++_seq;
        await store.AppendStepAsync(new StepRecord
        {
            SessionId = sessionId,
            Seq = seq,
            Step = step,
            Action = action,
            CreatedAt = time.GetUtcNow(),
            Status = status,
            RunId = runId,
            Code = code,
            ArgumentsJson = arguments is null ? null : DojoJson.SerializeObject(arguments),
            ResultJson = result is null ? null : DojoJson.SerializeObject(result),
            PublicScore = publicScore,
            PrivateScore = privateScore,
            Reward = reward,
        }).ConfigureAwait(false);
        return seq;
    }
}
