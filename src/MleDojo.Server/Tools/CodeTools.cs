using System.ComponentModel;
using System.Globalization;
using MleDojo.Core.Sessions;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace MleDojo.Server.Tools;

/// <summary>Running code in the sandbox.</summary>
[McpServerToolType]
public sealed class CodeTools(SessionManager sessions)
{
    /// <summary>validate_code.</summary>
    [McpServerTool(Name = "validate_code", Title = "Validate code", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Runs a Python script in the sandbox (cwd = workspace, data in input/, results in output/) and checks output/submission.csv's format if present. Never scores. Uses one step.")]
    public Task<RunResult> ValidateCode(
        [Description("The session_id.")] string session_id,
        [Description("A complete Python script.")] string code,
        [Description("Seconds to wait before returning status 'running' with a run_id (default 45). Poll with get_run.")] double? wait_s = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        sessions.ValidateAsync(session_id, code, Wait(wait_s), Progress(progress), cancellationToken);

    /// <summary>execute_code.</summary>
    [McpServerTool(Name = "execute_code", Title = "Execute code", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Runs a Python script in the sandbox; if it writes output/submission.csv, checks it and scores it on the public test rows. Returns stdout/stderr (head and tail), the public score, best-so-far and reward. Uses one step. Long runs return status 'running' with a run_id after wait_s; poll with get_run.")]
    public Task<RunResult> ExecuteCode(
        [Description("The session_id.")] string session_id,
        [Description("A complete Python script.")] string code,
        [Description("Seconds to wait before returning status 'running' with a run_id (default 45).")] double? wait_s = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        sessions.ExecuteAsync(session_id, code, Wait(wait_s), Progress(progress), cancellationToken);

    /// <summary>get_run.</summary>
    [McpServerTool(Name = "get_run", Title = "Get a run", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Waits up to wait_s for a run started by execute_code or validate_code and returns its current or final result.")]
    public Task<RunResult> GetRun(
        [Description("The session_id.")] string session_id,
        [Description("The run_id from a 'running' result, e.g. run-0003.")] string run_id,
        [Description("Seconds to wait for it to finish (default 45).")] double? wait_s = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        sessions.GetRunAsync(session_id, run_id, Wait(wait_s), Progress(progress), cancellationToken);

    /// <summary>cancel_run.</summary>
    [McpServerTool(Name = "cancel_run", Title = "Cancel a run", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Kills a run's whole process tree and returns its result with the output printed so far. The step stays used.")]
    public Task<RunResult> CancelRun(
        [Description("The session_id.")] string session_id,
        [Description("The run_id to cancel.")] string run_id,
        CancellationToken cancellationToken = default) =>
        sessions.CancelRunAsync(session_id, run_id, cancellationToken);

    private static TimeSpan? Wait(double? seconds) =>
        seconds is { } s ? TimeSpan.FromSeconds(Math.Clamp(s, 0, 3600)) : null;

    private static IProgress<RunProgress>? Progress(IProgress<ProgressNotificationValue>? progress) =>
        progress is null ? null : new ProgressAdapter(progress);

    // Synchronous on purpose: Progress<T> would post to the thread pool and reorder notifications.
    private sealed class ProgressAdapter(IProgress<ProgressNotificationValue> inner) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => inner.Report(new ProgressNotificationValue
        {
            Progress = (float)value.ElapsedSeconds,
            Message = string.Create(CultureInfo.InvariantCulture, $"{value.RunId} running {value.ElapsedSeconds:F0}s") +
                (value.RecentLines.Count == 0 ? "" : ": " + string.Join(" | ", value.RecentLines)),
        });
    }
}
