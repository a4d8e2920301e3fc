using System.Text.Json;
using MleDojo.Core.Recording;

namespace MleDojo.Core.Sessions;

/// <summary>
/// Writes one episode's record: a step per call, numbered without gaps, and the session row. Every write commits
/// before it returns, and none takes the caller's cancellation token: a call the client gave up on still happened,
/// and its record must not be lost halfway.
/// </summary>
internal sealed class EpisodeRecorder(SqliteSessionStore store, string sessionId, TimeProvider time, int lastSeq = 0)
{
    private const string Ok = "ok";
    private const string RefusedStatus = "refused";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private int _seq = lastSeq;

    public Task SessionStarted(string competitionId, BudgetRequest? budget) =>
        AppendAsync(ActionNames.StartSession, Ok, new { competition_id = competitionId, budget });

    public Task InfoRequested(string infoType) =>
        AppendAsync(ActionNames.RequestInfo, Ok, new { info_type = infoType });

    public Task FileWritten(string path, int bytes, string content) =>
        AppendAsync(ActionNames.WriteFile, Ok, new { path, bytes }, code: content);

    /// <summary>A run was started: recorded as running, with its code, before it can end. Returns its record's number.</summary>
    public Task<int> RunStarted(string action, RunPlan plan, string code) =>
        AppendAsync(action, RunStatus.Running, arguments: null, step: plan.Step, runId: plan.RunId, code: code);

    /// <summary>A run ended: its record gets the result the agent was given.</summary>
    public Task RunFinished(int seq, RunResult result, string? snapshot) =>
        store.UpdateStepAsync(sessionId, seq, result.Status, JsonSerializer.Serialize(result, Json), result.PublicScore, result.Reward, result.DurationSeconds, snapshot);

    /// <summary>A run lost with a stopped server (found at recovery).</summary>
    public Task RunInterrupted(int seq, RunResult result) =>
        store.UpdateStepAsync(sessionId, seq, RunStatus.Interrupted, JsonSerializer.Serialize(result, Json), null, 0, null, null);

    public Task Refused(string action, Refusal refusal) =>
        AppendAsync(action, RefusedStatus, new { reason = refusal.Code.ToString(), message = refusal.Message });

    /// <summary>A final submission graded; its reward is the position score where a leaderboard exists, else the normalised score.</summary>
    public Task Submitted(int? requestedStep, SubmitResult result) =>
        AppendAsync(ActionNames.Submit, Ok, new { step = requestedStep }, result, publicScore: result.PublicScore, privateScore: result.PrivateScore, reward: result.PositionScore ?? result.NormalizedScore);

    public Task Truncated(string reason, SubmitResult? final) =>
        AppendAsync(ActionNames.Truncate, Ok, new { reason }, final, privateScore: final?.PrivateScore);

    public Task Ended(SubmitResult? final) =>
        AppendAsync(ActionNames.EndSession, Ok, arguments: null, final);

    public Task Resumed() =>
        AppendAsync(ActionNames.Resume, Ok, new { server_restart = true });

    /// <summary>Every recorded step, in order.</summary>
    public Task<IReadOnlyList<StepRecord>> StepsAsync(CancellationToken cancellationToken) => store.ListStepsAsync(sessionId, cancellationToken);

    /// <summary>The result a finished run's record holds, for get_run and cancel_run on a run this process no longer tracks.</summary>
    public async Task<RunResult> RecordedRunAsync(string? runId, CancellationToken cancellationToken)
    {
        var steps = await StepsAsync(cancellationToken).ConfigureAwait(false);
        if (steps.LastOrDefault(s => s.RunId == runId && s.ResultJson is not null)?.ResultJson is { } json)
        {
            return JsonSerializer.Deserialize<RunResult>(json, Json)!;
        }

        var known = string.Join(", ", steps.Where(s => s.RunId is not null).Select(s => s.RunId).Distinct());
        throw new SessionException(SessionErrorCode.UnknownRun, $"No run '{runId}' in session {sessionId}. Known runs: {(known.Length == 0 ? "(none)" : known)}.");
    }

    public Task SaveAsync(SessionRecord record) => store.SaveSessionAsync(record);

    /// <summary>The limits as the session row stores them.</summary>
    public static string BudgetJson(BudgetLimits limits) => JsonSerializer.Serialize(limits, Json);

    /// <summary>A final grading as the session row stores it.</summary>
    public static string? FinalJson(SubmitResult? final) => final is null ? null : JsonSerializer.Serialize(final, Json);

    private async Task<int> AppendAsync(string action, string status, object? arguments, object? result = null, int? step = null, string? runId = null,
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
            ArgumentsJson = arguments is null ? null : JsonSerializer.Serialize(arguments, Json),
            ResultJson = result is null ? null : JsonSerializer.Serialize(result, result.GetType(), Json),
            PublicScore = publicScore,
            PrivateScore = privateScore,
            Reward = reward,
        }).ConfigureAwait(false);
        return seq;
    }
}
