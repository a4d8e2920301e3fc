using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using MleDojo.Core.Competitions;
using MleDojo.Core.Execution;
using MleDojo.Core.Grading;
using MleDojo.Core.Recording;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MleDojo.Core.Sessions;

/// <summary>
/// The environment: starts episodes, runs code in sandboxes, enforces budgets, scores, records every call,
/// and ends episodes. Usable in-process without MCP (tests, RL loops); the MCP tools are thin wrappers.
/// </summary>
public sealed partial class SessionManager : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private readonly CompetitionCatalog _catalog;
    private readonly CompetitionPreparer _preparer;
    private readonly Grader _grader;
    private readonly ISandboxProvider _sandboxes;
    private readonly SqliteSessionStore _store;
    private readonly SessionOptions _options;
    private readonly DataRoot _dataRoot;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private readonly ITimer _sweeper;
    private volatile bool _stopping;

    /// <summary>Creates the manager. Call <see cref="RecoverAsync"/> once at startup.</summary>
    public SessionManager(
        CompetitionCatalog catalog,
        CompetitionPreparer preparer,
        Grader grader,
        ISandboxProvider sandboxes,
        SqliteSessionStore store,
        DataRoot dataRoot,
        SessionOptions options,
        TimeProvider? timeProvider = null,
        ILogger<SessionManager>? logger = null)
    {
        _catalog = catalog;
        _preparer = preparer;
        _grader = grader;
        _sandboxes = sandboxes;
        _store = store;
        _dataRoot = dataRoot;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        options.Ceilings.Validate();
        _sweeper = _time.CreateTimer(_ => _ = SweepAsync(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    /// <summary>The sandbox backend in use.</summary>
    public ISandboxProvider Sandboxes => _sandboxes;

    /// <summary>The catalog.</summary>
    public CompetitionCatalog Catalog => _catalog;

    /// <summary>The recording store.</summary>
    public SqliteSessionStore Store => _store;

    /// <summary>Starts an episode: prepares the competition if needed, creates the workspace and the sandbox.</summary>
    public Task<SessionStarted> StartAsync(string competitionId, BudgetRequest? budget = null, CancellationToken cancellationToken = default) =>
        StartAsync(competitionId, budget, previousSessionId: null, cancellationToken);

    private async Task<SessionStarted> StartAsync(string competitionId, BudgetRequest? budget, string? previousSessionId, CancellationToken cancellationToken)
    {
        CompetitionSpec spec;
        try
        {
            spec = _catalog.Registry.Get(competitionId);
        }
        catch (UnknownCompetitionException ex)
        {
            _logger.LogInformation("start_session refused: {Reason}", ex.Message);
            throw new SessionException(SessionErrorCode.UnknownCompetition, ex.Message);
        }

        var limits = (budget ?? new BudgetRequest()).ApplyTo(_options.Ceilings);
        var prepared = await _preparer.PrepareAsync(spec, cancellationToken: cancellationToken).ConfigureAwait(false);
        _grader.LoadAnswers(prepared);
        var id = NewSessionId();
        var workspace = Workspace.Create(Path.Combine(_dataRoot.Workspaces, id), prepared.PublicDirectory);
        var privateDir = Directory.CreateDirectory(Path.Combine(_dataRoot.Sessions, id, "submissions")).FullName;
        var session = new Session(id, prepared, limits, workspace, privateDir, _time.GetUtcNow()) { PreviousSessionId = previousSessionId };
        await AttachSandboxAsync(session, cancellationToken).ConfigureAwait(false);
        _sessions[id] = session;
        await SaveAsync(session, CancellationToken.None).ConfigureAwait(false);
        await RecordAsync(session, "start_session", "ok", arguments: new { competition_id = competitionId, budget }, result: null).ConfigureAwait(false);
        _logger.LogInformation("Session {SessionId} started on {Competition} with sandbox {Sandbox}", id, competitionId, session.SandboxName);
        return Started(session);
    }

    /// <summary>Ends the episode: grades the best valid submission if none was submitted, releases the sandbox. Repeating it returns the same record.</summary>
    public async Task<EndResult> EndAsync(string sessionId, CancellationToken cancellationToken = default) =>
        await EndAsync(sessionId, "ended by end_session", cancellationToken).ConfigureAwait(false);

    private async Task<EndResult> EndAsync(string sessionId, string reason, CancellationToken cancellationToken)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (session.State == EpisodeState.Active)
            {
                await KillRunsLocked(session).ConfigureAwait(false);
                // As at truncation: the agent's own submissions decide when it made any; else its best step is graded.
                session.Final ??= session.Submissions.Count > 0
                    ? BestOf(session, session.Submissions)
                    : await GradeBestLockedAsync(session, automatic: true, EpisodeState.Closed).ConfigureAwait(false);
                EndLocked(session, EpisodeState.Closed, reason);
                await RecordAsync(session, "end_session", "ok", arguments: null, result: session.Final).ConfigureAwait(false);
                await SaveAsync(session, CancellationToken.None).ConfigureAwait(false);
            }

            if (session.Sandbox is { } sandbox)
            {
                session.Sandbox = null;
                await sandbox.DisposeAsync().ConfigureAwait(false);
            }

            return new EndResult(session.Id, StateName(session.State), session.EndReason, session.StepsUsed, session.BestPublicScore, session.Final, session.Budget(_time.GetUtcNow()));
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>Ends this episode and starts a new one on the same competition with the same budget.</summary>
    public async Task<SessionStarted> ResetAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        await EndAsync(sessionId, "reset", cancellationToken).ConfigureAwait(false);
        var budget = new BudgetRequest
        {
            MaxSteps = session.Limits.MaxSteps,
            RunTimeoutSeconds = session.Limits.RunTimeoutSeconds,
            EpisodeTimeoutSeconds = session.Limits.EpisodeTimeoutSeconds,
            MemoryMegabytes = session.Limits.MemoryMegabytes,
            Cpus = session.Limits.Cpus,
            MaxSubmissions = session.Limits.MaxSubmissions,
        };
        return await StartAsync(session.Spec.Id, budget, session.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The history of calls and scores.</summary>
    public async Task<HistoryResult> GetHistoryAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var steps = await _store.ListStepsAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var entries = steps.Select(s => new HistoryEntry
        {
            Seq = s.Seq,
            Step = s.Step,
            Action = s.Action,
            Status = s.Status,
            RunId = s.RunId,
            PublicScore = s.PublicScore,
            PrivateScore = s.PrivateScore,
            Reward = s.Reward,
            DurationSeconds = s.DurationSeconds,
            CreatedAt = s.CreatedAt,
        }).ToList();
        return new HistoryResult(session.Id, session.Spec.Id, StateName(session.State), session.BestPublicScore, entries, session.Budget(_time.GetUtcNow()));
    }

    /// <summary>
    /// At startup: reloads every episode that was active when the server stopped. Runs lost with the old
    /// process are recorded as interrupted; episodes past their wall-clock are truncated with their best
    /// submission graded; the rest stay resumable under the same session id.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken = default)
    {
        var active = await _store.ListActiveSessionsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var record in active)
        {
            try
            {
                await GetAsync(record.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (SessionException ex)
            {
                _logger.LogWarning("Session {SessionId} could not be recovered: {Reason}", record.Id, ex.Message);
            }
        }

        return active.Count;
    }

    /// <summary>
    /// Server shutdown: kills the runs in flight and waits until each is recorded as interrupted (with the output
    /// it printed), so nothing is written to the store after this returns; then releases the sandboxes.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await _sweeper.DisposeAsync().ConfigureAwait(false);
        foreach (var session in _sessions.Values)
        {
            var going = session.Runs.Values.Where(h => !h.IsFinished).ToList();
            foreach (var handle in going)
            {
                await handle.Run.KillAsync().ConfigureAwait(false);
            }

            // FinishAsync never throws; it records the run and releases the gate.
            await Task.WhenAll(going.Select(h => h.Finished)).ConfigureAwait(false);
            if (session.Sandbox is { } sandbox)
            {
                session.Sandbox = null;
                await sandbox.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task AttachSandboxAsync(Session session, CancellationToken cancellationToken)
    {
        var limits = session.Limits;
        var spec = new SandboxSpec(session.Id, session.Workspace.Root, [Workspace.InputDirectory],
            new SandboxLimits(limits.MemoryMegabytes * 1024L * 1024L, limits.Cpus, limits.MaxProcesses, limits.MaxOutputBytes));
        try
        {
            session.Sandbox = await _sandboxes.CreateAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        catch (SandboxException ex)
        {
            throw new SessionException(SessionErrorCode.SandboxUnavailable, $"The sandbox could not be created: {ex.Message}");
        }

        session.SandboxName = _sandboxes.Name;
        session.WorkspaceMountPath = session.Sandbox.WorkspaceMountPath;
        session.Isolation = _sandboxes.Isolation;
    }

    private async Task<Session> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(sessionId))
        {
            throw new SessionException(SessionErrorCode.InvalidArgument, "session_id is required. Start one with start_session.");
        }

        if (_sessions.TryGetValue(sessionId, out var session))
        {
            return session;
        }

        await _loadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _sessions.TryGetValue(sessionId, out session)
                ? session
                : await LoadAsync(sessionId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _loadGate.Release();
        }
    }

    private async Task SweepAsync()
    {
        try
        {
            var now = _time.GetUtcNow();
            foreach (var session in _sessions.Values.Where(s => s.State == EpisodeState.Active && now >= s.Deadline))
            {
                await session.Gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    await EnforceDeadlineLocked(session).ConfigureAwait(false);
                }
                finally
                {
                    session.Gate.Release();
                }
            }
        }
#pragma warning disable CA1031 // a timer callback must never throw
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "Budget sweep failed");
        }
    }

    private SessionStarted Started(Session session) => new()
    {
        SessionId = session.Id,
        CompetitionId = session.Spec.Id,
        Title = session.Spec.Title,
        Metric = session.Spec.Metric.Name,
        HigherIsBetter = session.Spec.Metric.HigherIsBetter,
        Budget = session.Budget(_time.GetUtcNow()),
        Workspace = Layout(session),
        Overview = File.ReadAllText(session.Spec.DescriptionPath),
        Sandbox = $"{session.SandboxName}: {session.Isolation?.Description}",
        PreviousSessionId = session.PreviousSessionId,
    };

    private WorkspaceLayout Layout(Session session)
    {
        var root = session.WorkspaceMountPath ?? session.Workspace.Root;
        return new WorkspaceLayout
        {
            Root = root,
            InputDir = $"{root}/{Workspace.InputDirectory}",
            OutputDir = $"{root}/{Workspace.OutputDirectory}",
            SubmissionPath = $"{root}/{Workspace.SubmissionFile}",
            InputFiles = session.Workspace.InputFiles,
        };
    }

    private static string NewSessionId() => "s-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    private static string StateName(EpisodeState state) => state.ToString().ToLowerInvariant();

    private void EndLocked(Session session, EpisodeState state, string reason)
    {
        session.State = state;
        session.EndReason = reason;
        session.EndedAt = _time.GetUtcNow();
        _logger.LogInformation("Session {SessionId} {State}: {Reason}", session.Id, state, reason);
    }

    private static async Task KillRunsLocked(Session session)
    {
        foreach (var handle in session.Runs.Values.Where(h => !h.IsFinished))
        {
            await handle.Run.KillAsync().ConfigureAwait(false);
        }
    }

    private Task SaveAsync(Session session, CancellationToken cancellationToken) =>
        _store.SaveSessionAsync(new SessionRecord
        {
            Id = session.Id,
            CompetitionId = session.Spec.Id,
            State = session.State.ToString(),
            CreatedAt = session.CreatedAt,
            EndedAt = session.EndedAt,
            EndReason = session.EndReason,
            BudgetJson = JsonSerializer.Serialize(session.Limits, Json),
            Sandbox = session.SandboxName,
            Isolation = session.Isolation?.Description ?? "unknown",
            Isolated = session.Isolation?.IsFull ?? false,
            WorkspacePath = session.Workspace.Root,
            PreviousSessionId = session.PreviousSessionId,
            SawPublicScores = session.SawPublicScores,
            FinalJson = session.Final is null ? null : JsonSerializer.Serialize(session.Final, Json),
        }, cancellationToken);

    private async Task<int> RecordAsync(Session session, string action, string status, object? arguments, object? result, int? step = null, string? runId = null, string? code = null, double? publicScore = null, double? privateScore = null, double? reward = null, double? duration = null, string? snapshot = null, int? seq = null)
    {
        var number = seq ?? ++session.Seq;
        await _store.AppendStepAsync(new StepRecord
        {
            SessionId = session.Id,
            Seq = number,
            Step = step,
            Action = action,
            CreatedAt = _time.GetUtcNow(),
            Status = status,
            RunId = runId,
            Code = code,
            ArgumentsJson = arguments is null ? null : JsonSerializer.Serialize(arguments, Json),
            ResultJson = result is null ? null : JsonSerializer.Serialize(result, result.GetType(), Json),
            PublicScore = publicScore,
            PrivateScore = privateScore,
            Reward = reward,
            DurationSeconds = duration,
            SubmissionSnapshot = snapshot,
        }).ConfigureAwait(false);
        return number;
    }
}
