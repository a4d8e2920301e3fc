using MleDojo.Core;
using MleDojo.Core.Competitions;
using MleDojo.Core.Competitions.RawSources;
using MleDojo.Core.Grading;
using MleDojo.Core.Recording;
using MleDojo.Core.Sessions;
using MleDojo.Sandbox.Local;
using Microsoft.Data.Sqlite;

namespace MleDojo.Sessions.Tests.Support;

/// <summary>
/// A server's worth of real parts in a temporary directory: a data root, a competitions folder, the SQLite file,
/// the probed local sandbox and a <see cref="SessionManager"/> over them. <see cref="RestartAsync"/> and
/// <see cref="CrashAndRestartAsync"/> replace the manager as a new server process would.
/// </summary>
internal sealed class Dojo : IAsyncDisposable
{
    /// <summary>Ceilings small enough for tests: quick timeouts, small output and memory limits.</summary>
    public static readonly BudgetLimits TestCeilings = new()
    {
        MaxSteps = 20,
        RunTimeoutSeconds = 30,
        EpisodeTimeoutSeconds = 600,
        MaxRunsInFlight = 1,
        MemoryMegabytes = 1024,
        Cpus = 1,
        MaxSubmissions = 1,
        MaxProcesses = 64,
        MaxOutputBytes = 2L * 1024 * 1024,
    };

    private readonly LocalSandboxProvider _provider;
    private readonly SessionOptions _options;
    private readonly CompetitionCatalog _catalog;
    private readonly CompetitionPreparer _preparer;

    private Dojo(LocalSandboxProvider provider, SessionOptions options)
    {
        _provider = provider;
        _options = options;
        Root = Directory.CreateTempSubdirectory("mledojo-sessions-").FullName;
        DataRoot = new DataRoot(Path.Combine(Root, "home"));
        CompetitionsDirectory = Path.Combine(Root, "competitions");
        Directory.CreateDirectory(CompetitionsDirectory);
        Competitions.WriteLabel(CompetitionsDirectory);
        Competitions.WriteRegression(CompetitionsDirectory);
        Competitions.CopyShipped(CompetitionsDirectory, "penguins");
        var registry = CompetitionRegistry.Load([CompetitionsDirectory]);
        if (registry.Problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", registry.Problems));
        }

        _catalog = new CompetitionCatalog(registry, DatasetPackages.FromEnvironment(DataRoot));
        _preparer = new CompetitionPreparer(DataRoot);
    }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The temporary directory holding everything; deleted at the end.</summary>
    public string Root { get; }

    public DataRoot DataRoot { get; }

    public string CompetitionsDirectory { get; }

    public CompetitionRegistry Registry => _catalog.Registry;

    public SessionManager Sessions { get; private set; } = null!;

    /// <summary>Starts a dojo with the test ceilings, changed by <paramref name="ceilings"/>.</summary>
    public static async Task<Dojo> CreateAsync(SandboxFixture fixture, Func<BudgetLimits, BudgetLimits>? ceilings = null, Action<SessionOptions>? configure = null)
    {
        var options = new SessionOptions { Ceilings = ceilings?.Invoke(TestCeilings) ?? TestCeilings, ProgressIntervalSeconds = 0.5 };
        configure?.Invoke(options);
        var dojo = new Dojo(fixture.Provider, options);
        dojo.Sessions = await dojo.NewManagerAsync();
        return dojo;
    }

    /// <summary>The answers of a prepared competition, on the host.</summary>
    public string AnswersPath(string competitionId) => Path.Combine(DataRoot.Prepared, competitionId, "private", "answers.csv");

    /// <summary>The host path of a session's workspace.</summary>
    public string WorkspacePath(string sessionId) => Path.Combine(DataRoot.Workspaces, sessionId);

    public Task<SessionStarted> StartAsync(string competitionId = Competitions.Label, BudgetRequest? budget = null) =>
        Sessions.StartAsync(competitionId, budget, Ct);

    /// <summary>execute_code, waiting for the end (within <paramref name="waitSeconds"/>).</summary>
    public Task<RunResult> ExecuteAsync(string sessionId, string code, double waitSeconds = 30) =>
        Sessions.ExecuteAsync(sessionId, code, TimeSpan.FromSeconds(waitSeconds), cancellationToken: Ct);

    public Task<RunResult> ValidateAsync(string sessionId, string code, double waitSeconds = 30) =>
        Sessions.ValidateAsync(sessionId, code, TimeSpan.FromSeconds(waitSeconds), cancellationToken: Ct);

    /// <summary>The steps as the SQLite file holds them, read through a store of its own (as another process would).</summary>
    public Task<IReadOnlyList<StepRecord>> RecordedStepsAsync(string sessionId) =>
        new SqliteSessionStore(DataRoot.DatabasePath).ListStepsAsync(sessionId, Ct);

    public Task<SessionRecord?> RecordedSessionAsync(string sessionId) =>
        new SqliteSessionStore(DataRoot.DatabasePath).GetSessionAsync(sessionId, Ct);

    /// <summary>Every session the SQLite file holds.</summary>
    public Task<IReadOnlyList<SessionRecord>> RecordedSessionsAsync() =>
        new SqliteSessionStore(DataRoot.DatabasePath).ListSessionsAsync(Ct);

    /// <summary>Polls a run until its recent output contains <paramref name="text"/> (agent code has really started).</summary>
    public async Task WaitForOutputAsync(string sessionId, string runId, string text)
    {
        for (var i = 0; i < 100; i++)
        {
            var run = await Sessions.GetRunAsync(sessionId, runId, TimeSpan.FromSeconds(0.2), cancellationToken: Ct);
            if (run.Stdout.Contains(text, StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"{runId} never printed '{text}'");
    }

    /// <summary>
    /// The manager is healthy after whatever the agent did: a normal script runs and succeeds. Uses one step.
    /// </summary>
    public async Task AssertHealthyAsync(string sessionId)
    {
        var run = await ExecuteAsync(sessionId, Scripts.Hello);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Contains("still alive", run.Stdout);
    }

    /// <summary>
    /// The record is intact: every call is in get_history and in the SQLite file, numbered 1..n without gaps,
    /// with no run left "running", and every run step has its code and its result.
    /// </summary>
    public async Task<IReadOnlyList<StepRecord>> AssertRecordedAsync(string sessionId, int? expectedRunSteps = null)
    {
        var history = await Sessions.GetHistoryAsync(sessionId, Ct);
        var recorded = await RecordedStepsAsync(sessionId);
        Assert.Equal(recorded.Count, history.Steps.Count);
        Assert.Equal(Enumerable.Range(1, recorded.Count), recorded.Select(s => s.Seq));
        Assert.Equal(recorded.Select(s => (s.Seq, s.Action, s.Status)), history.Steps.Select(s => (s.Seq, s.Action, s.Status)));
        var runs = recorded.Where(s => s.Action is ActionName.ExecuteCode or ActionName.ValidateCode && s.Step is not null).ToList();
        Assert.All(runs, s =>
        {
            Assert.NotEqual(StepStatus.Running, s.Status);
            Assert.False(string.IsNullOrEmpty(s.Code));
            Assert.NotNull(s.ResultJson);
        });
        Assert.Equal(Enumerable.Range(1, runs.Count), runs.Select(s => s.Step!.Value));
        Assert.Equal(runs.Count, history.Budget.StepsUsed);
        if (expectedRunSteps is { } n)
        {
            Assert.Equal(n, runs.Count);
        }

        return recorded;
    }

    /// <summary>A graceful restart: the manager is disposed (as at server shutdown) and a new one recovers.</summary>
    public async Task<int> RestartAsync()
    {
        await Sessions.DisposeAsync();
        Sessions = await NewManagerAsync();
        return await Sessions.RecoverAsync(Ct);
    }

    /// <summary>
    /// A crash: the SQLite file is put back as it was at the moment of the call (a consistent online backup), the
    /// manager is torn down, and a new one recovers from what the crash left on disk.
    /// </summary>
    public async Task<int> CrashAndRestartAsync(Func<Task>? whileDown = null)
    {
        var backup = Path.Combine(Root, "crash.db");
        using (var live = new SqliteConnection($"Data Source={DataRoot.DatabasePath};Pooling=False"))
        using (var copy = new SqliteConnection($"Data Source={backup};Pooling=False"))
        {
            live.Open();
            copy.Open();
            live.BackupDatabase(copy);
        }

        await Sessions.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            File.Delete(DataRoot.DatabasePath + suffix);
        }

        File.Copy(backup, DataRoot.DatabasePath, overwrite: true);
        if (whileDown is not null)
        {
            await whileDown();
        }

        Sessions = await NewManagerAsync();
        return await Sessions.RecoverAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await Sessions.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task<SessionManager> NewManagerAsync()
    {
        var store = await SqliteSessionStore.OpenAsync(DataRoot.DatabasePath, Ct);
        return new SessionManager(_catalog, _preparer, new Grader(), _provider, store, DataRoot, _options);
    }
}
