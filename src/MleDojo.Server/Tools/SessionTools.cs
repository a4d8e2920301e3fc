using System.ComponentModel;
using System.Security.Claims;
using MleDojo.Server.Auth;
using MleDojo.Core.Sessions;
using ModelContextProtocol.Server;

namespace MleDojo.Server.Tools;

/// <summary>Episode lifecycle: start, info, submit, history, reset, end.</summary>
[McpServerToolType]
public sealed class SessionTools(SessionManager sessions)
{
    /// <summary>start_session.</summary>
    [McpServerTool(Name = "start_session", Title = "Start a session", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Starts an episode on a competition: prepares its data, creates your workspace and sandbox, and returns a session_id, the budget and the task overview. Budget fields may only lower the server's ceilings; agent, experiment and seed label who plays, for reports. On a busy cluster (slurm sandbox) it returns after wait_s with state 'queued', the job id and the reason: runs are refused until get_history shows 'active', and the episode clock starts only then.")]
    public Task<SessionStarted> StartSession(
        [Description("Competition id from list_competitions, e.g. 'titanic'.")] string competition_id,
        [Description("Optional: fewer steps than the server ceiling.")] int? max_steps = null,
        [Description("Optional: shorter per-run timeout in seconds.")] int? run_timeout_s = null,
        [Description("Optional: shorter episode wall-clock in seconds.")] int? episode_timeout_s = null,
        [Description("Optional: less memory per run, in MB.")] int? memory_mb = null,
        [Description("Optional: fewer CPUs per run.")] double? cpus = null,
        [Description("Optional: fewer final submissions.")] int? max_submissions = null,
        [Description("Optional: GPUs to reserve (default 0), up to the server ceiling; only the slurm sandbox places them.")] int? gpus = null,
        [Description("Optional label: who plays, e.g. 'gpt-4.1' or 'my-aide-variant'. Reports group episodes by it.")] string? agent = null,
        [Description("Optional label: the experiment this episode belongs to.")] string? experiment = null,
        [Description("Optional label: the seed of this run of the agent (a whole number from 0), for results over seeds.")] long? seed = null,
        [Description("Optional: seconds to wait for the sandbox before returning the session 'queued' (default: the server's, 30 s unless configured). Only the slurm sandbox ever queues.")] double? wait_s = null,
        McpServer? server = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        sessions.StartAsync(
            competition_id,
            new BudgetRequest
            {
                MaxSteps = max_steps,
                RunTimeoutSeconds = run_timeout_s,
                EpisodeTimeoutSeconds = episode_timeout_s,
                MemoryMegabytes = memory_mb,
                Cpus = cpus,
                MaxSubmissions = max_submissions,
                Gpus = gpus,
            },
            new SessionLabels
            {
                Agent = agent,
                Experiment = experiment,
                Seed = seed,
                ClientName = server?.ClientInfo?.Name,
                ClientVersion = server?.ClientInfo?.Version,
                Owner = Caller.From(user).Owner,
            },
            wait_s is { } seconds ? TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 3600)) : null,
            cancellationToken);

    /// <summary>request_info.</summary>
    [McpServerTool(Name = "request_info", Title = "Request information", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Returns task information. info_type: overview (the task description), data_structure (files, columns, types, missing values), sample_submission, metric, budget, or all. Does not use a step.")]
    public Task<InfoResult> RequestInfo(
        [Description("The session_id from start_session.")] string session_id,
        [Description("overview | data_structure | sample_submission | metric | budget | all")] string info_type = "overview",
        CancellationToken cancellationToken = default) =>
        sessions.RequestInfoAsync(session_id, info_type, cancellationToken);

    /// <summary>submit.</summary>
    [McpServerTool(Name = "submit", Title = "Submit final answer", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Grades a submission once on the private test rows (Kaggle's final submission) and ends the episode when no final submissions remain. By default submits the execute_code step with the best public score.")]
    public Task<SubmitResult> Submit(
        [Description("The session_id.")] string session_id,
        [Description("Optional execute_code step number to submit; default: the best public score.")] int? step = null,
        CancellationToken cancellationToken = default) =>
        sessions.SubmitAsync(session_id, step, cancellationToken);

    /// <summary>get_history.</summary>
    [McpServerTool(Name = "get_history", Title = "Episode history", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Lists every recorded call of the session with status, scores, rewards and durations, and the session's state: poll it while the state is 'queued' (free; no step).")]
    public Task<HistoryResult> GetHistory(
        [Description("The session_id.")] string session_id,
        CancellationToken cancellationToken = default) =>
        sessions.GetHistoryAsync(session_id, cancellationToken);

    /// <summary>reset.</summary>
    [McpServerTool(Name = "reset", Title = "Reset the episode", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Ends this episode (its best valid submission is graded if none was submitted) and starts a fresh one on the same competition with the same budget. Returns the new session_id.")]
    public Task<SessionStarted> Reset(
        [Description("The session_id to reset.")] string session_id,
        CancellationToken cancellationToken = default) =>
        sessions.ResetAsync(session_id, cancellationToken);

    /// <summary>end_session.</summary>
    [McpServerTool(Name = "end_session", Title = "End the session", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Ends the episode and releases the sandbox. If nothing was submitted, the best valid submission is graded. Calling it again returns the same final record.")]
    public Task<EndResult> EndSession(
        [Description("The session_id.")] string session_id,
        CancellationToken cancellationToken = default) =>
        sessions.EndAsync(session_id, cancellationToken);
}
