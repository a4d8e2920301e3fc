using MleDojo.Core.Recording;
using MleDojo.Core.Sessions;
using Microsoft.Data.Sqlite;

namespace MleDojo.Core.Tests.Recording;

/// <summary>
/// A store file written before the store had versions opens: its PascalCase episode states become the wire names,
/// once, inside one transaction; the steps, whose values were already wire names, are read as they are.
/// </summary>
public sealed class SqliteSessionStoreMigrationTests : IDisposable
{
    private static readonly string[] OldStates = ["Active", "Closed", "Terminated"];

    private readonly TempDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabasePath => _directory.Combine("mledojo.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task Open_AnUnversionedFile_RewritesTheStatesAndReadsEveryRow()
    {
        OldStoreFile.Write(DatabasePath);
        var stepsBefore = OldStoreFile.Column(DatabasePath, "SELECT action || ' ' || status FROM steps ORDER BY session_id, seq");

        var store = await SqliteSessionStore.OpenAsync(DatabasePath, Ct);

        Assert.Equal([$"{SqliteSchema.Version}"], OldStoreFile.Column(DatabasePath, "PRAGMA user_version"));
        Assert.Equal(["active", "closed", "terminated"], OldStoreFile.Column(DatabasePath, "SELECT state FROM sessions ORDER BY state"));
        Assert.Equal(stepsBefore, OldStoreFile.Column(DatabasePath, "SELECT action || ' ' || status FROM steps ORDER BY session_id, seq"));
        Assert.Equal(
            [OldStoreFile.RefusedArgumentsJson.Replace("\"EpisodeOver\"", "\"episode_over\"", StringComparison.Ordinal)],
            OldStoreFile.Column(DatabasePath, "SELECT arguments_json FROM steps WHERE status = 'refused'"));

        Assert.Equal([OldStoreFile.Active], (await store.ListActiveSessionsAsync(Ct)).Select(s => s.Id));
        Assert.Equal(EpisodeState.Terminated, (await store.GetSessionAsync(OldStoreFile.Terminated, Ct))!.State);
        Assert.Equal(EpisodeState.Closed, (await store.GetSessionAsync(OldStoreFile.Closed, Ct))!.State);
        var steps = await store.ListStepsAsync(OldStoreFile.Terminated, Ct);
        Assert.Equal(
            [(ActionName.StartSession, StepStatus.Ok), (ActionName.ExecuteCode, StepStatus.Succeeded), (ActionName.Submit, StepStatus.Ok), (ActionName.ExecuteCode, StepStatus.Refused)],
            steps.Select(s => (s.Action, s.Status)));
        Assert.Equal(
            [ActionName.StartSession, ActionName.RequestInfo, ActionName.WriteFile, ActionName.EndSession],
            (await store.ListStepsAsync(OldStoreFile.Closed, Ct)).Select(s => s.Action));
        Assert.Equal(StepStatus.Failed, (await store.ListStepsAsync(OldStoreFile.Active, Ct))[^1].Status);
    }

    [Fact]
    public async Task Open_AMigratedFileAgain_ChangesNothing()
    {
        OldStoreFile.Write(DatabasePath);
        await SqliteSessionStore.OpenAsync(DatabasePath, Ct);
        var migrated = OldStoreFile.Dump(DatabasePath);

        // Another store (another process) on the same file, and the schema step itself once more.
        Assert.Equal(3, (await new SqliteSessionStore(DatabasePath).ListSessionsAsync(Ct)).Count);
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            Assert.Equal(SqliteSchema.Version, await SqliteSchema.EnsureAsync(connection, Ct));
        }

        Assert.Equal(migrated, OldStoreFile.Dump(DatabasePath));
    }

    [Fact]
    public async Task Ensure_OnAnUnversionedFile_ReportsVersionZeroThenTheCurrentOne()
    {
        OldStoreFile.Write(DatabasePath);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);

        Assert.Equal(0, await SqliteSchema.EnsureAsync(connection, Ct));
        Assert.Equal(SqliteSchema.Version, await SqliteSchema.EnsureAsync(connection, Ct));
    }

    [Fact]
    public async Task Open_ANewFile_CreatesTheTablesAtTheCurrentVersionAndWritesWireNames()
    {
        var store = await SqliteSessionStore.OpenAsync(DatabasePath, Ct);
        await store.SaveSessionAsync(new SessionRecord
        {
            Id = "s-new",
            CompetitionId = "titanic",
            State = EpisodeState.Truncated,
            CreatedAt = DateTimeOffset.UnixEpoch,
            BudgetJson = OldStoreFile.BudgetJson,
            Sandbox = "local",
            Isolation = "none",
            Isolated = false,
            WorkspacePath = "/nowhere",
        }, Ct);
        await store.AppendStepAsync(new StepRecord { SessionId = "s-new", Seq = 1, Action = ActionName.ExecuteCode, Status = StepStatus.Running, CreatedAt = DateTimeOffset.UnixEpoch }, Ct);
        await store.UpdateStepAsync("s-new", 1, StepStatus.OutputLimitExceeded, "{}", null, 0, 1, null, Ct);

        Assert.Equal([$"{SqliteSchema.Version}"], OldStoreFile.Column(DatabasePath, "PRAGMA user_version"));
        Assert.Equal(["truncated"], OldStoreFile.Column(DatabasePath, "SELECT state FROM sessions"));
        Assert.Equal(["execute_code output_limit_exceeded"], OldStoreFile.Column(DatabasePath, "SELECT action || ' ' || status FROM steps"));
    }

    [Fact]
    public async Task Open_AFileOfANewerVersion_IsRefusedAndLeftAsItWas()
    {
        OldStoreFile.Write(DatabasePath);
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            OldStoreFile.Execute(connection, $"PRAGMA user_version = {SqliteSchema.Version + 1}");
        }

        var before = OldStoreFile.Dump(DatabasePath);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => SqliteSessionStore.OpenAsync(DatabasePath, Ct));

        Assert.Contains($"version {SqliteSchema.Version + 1}", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, OldStoreFile.Dump(DatabasePath));
    }

    [Fact]
    public async Task Open_WhenTheMigrationFails_LeavesTheFileAsItWas()
    {
        // A file whose states cannot be rewritten: the update fails half-way through the migration.
        OldStoreFile.Write(DatabasePath, UnversionedStoreSchema.Sql.Replace(
            "state TEXT NOT NULL,", "state TEXT NOT NULL CHECK (state IN ('Active', 'Terminated', 'Truncated', 'Closed')),", StringComparison.Ordinal));
        var before = OldStoreFile.Dump(DatabasePath);

        await Assert.ThrowsAsync<SqliteException>(() => SqliteSessionStore.OpenAsync(DatabasePath, Ct));

        Assert.Equal(before, OldStoreFile.Dump(DatabasePath));
        Assert.Equal(["0"], OldStoreFile.Column(DatabasePath, "PRAGMA user_version"));
        Assert.Equal(OldStates, OldStoreFile.Column(DatabasePath, "SELECT state FROM sessions ORDER BY state"));
    }

    [Fact]
    public async Task Open_AVersionOneFile_AddsWhoPlayedWithNothingForTheOldSessions()
    {
        OldStoreFile.Write(DatabasePath);
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            // As the first versioned server left it: migrated to version 1, no labels yet.
            await connection.OpenAsync(Ct);
            OldStoreFile.Execute(connection, "UPDATE sessions SET state = lower(state)");
            OldStoreFile.Execute(connection, "PRAGMA user_version = 1");
        }

        var store = await SqliteSessionStore.OpenAsync(DatabasePath, Ct);
        var old = (await store.GetSessionAsync(OldStoreFile.Active, Ct))!;
        await store.SaveSessionAsync(old with { Id = "s-labelled", Labels = new SessionLabels { Agent = "gpt-4.1", Experiment = "e1", Seed = 3, ClientName = "claude-code", ClientVersion = "2.0.1" } }, Ct);

        Assert.Equal([$"{SqliteSchema.Version}"], OldStoreFile.Column(DatabasePath, "PRAGMA user_version"));
        Assert.Equal(SessionLabels.None, old.Labels);
        Assert.Equal(EpisodeState.Active, old.State);
        var labelled = (await new SqliteSessionStore(DatabasePath).GetSessionAsync("s-labelled", Ct))!;
        Assert.Equal(new SessionLabels { Agent = "gpt-4.1", Experiment = "e1", Seed = 3, ClientName = "claude-code", ClientVersion = "2.0.1" }, labelled.Labels);
    }

    [Fact]
    public async Task Open_AVersionTwoFile_AddsTheOwnerAsNoneForTheOldSessions()
    {
        OldStoreFile.Write(DatabasePath);
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            // As the labelling server left it: version 2, with labels but no owner.
            await connection.OpenAsync(Ct);
            OldStoreFile.Execute(connection, "UPDATE sessions SET state = lower(state)");
            foreach (var column in new[] { "agent TEXT", "experiment TEXT", "seed INTEGER", "client_name TEXT", "client_version TEXT" })
            {
                OldStoreFile.Execute(connection, $"ALTER TABLE sessions ADD COLUMN {column}");
            }

            OldStoreFile.Execute(connection, "UPDATE sessions SET agent = 'gpt-4.1'");
            OldStoreFile.Execute(connection, "PRAGMA user_version = 2");
        }

        var store = await SqliteSessionStore.OpenAsync(DatabasePath, Ct);
        var old = (await store.GetSessionAsync(OldStoreFile.Active, Ct))!;
        await store.SaveSessionAsync(old with { Id = "s-owned", Labels = old.Labels with { Owner = "alice" } }, Ct);

        Assert.Equal([$"{SqliteSchema.Version}"], OldStoreFile.Column(DatabasePath, "PRAGMA user_version"));
        Assert.Equal(new SessionLabels { Agent = "gpt-4.1" }, old.Labels);
        Assert.Null(old.Labels.Owner);
        var owned = (await new SqliteSessionStore(DatabasePath).GetSessionAsync("s-owned", Ct))!;
        Assert.Equal("alice", owned.Labels.Owner);
        Assert.Equal("gpt-4.1", owned.Labels.Agent);
    }

    [Fact]
    public async Task Open_AVersionThreeFile_StartsEveryOldClockAtItsCreationAndKeepsQueuedSessionsLive()
    {
        OldStoreFile.Write(DatabasePath);
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            // As the multi-tenant server left it: version 3, with labels and owner but no clock start.
            await connection.OpenAsync(Ct);
            OldStoreFile.Execute(connection, "UPDATE sessions SET state = lower(state)");
            foreach (var column in new[] { "agent TEXT", "experiment TEXT", "seed INTEGER", "client_name TEXT", "client_version TEXT", "owner TEXT" })
            {
                OldStoreFile.Execute(connection, $"ALTER TABLE sessions ADD COLUMN {column}");
            }

            OldStoreFile.Execute(connection, "PRAGMA user_version = 3");
        }

        var store = await SqliteSessionStore.OpenAsync(DatabasePath, Ct);
        var old = (await store.GetSessionAsync(OldStoreFile.Active, Ct))!;
        await store.SaveSessionAsync(old with { Id = "s-queued", State = EpisodeState.Queued, ClockStartedAt = null }, Ct);
        var later = old.CreatedAt.AddMinutes(7);
        await store.SaveSessionAsync(old with { Id = "s-waited", ClockStartedAt = later }, Ct);

        Assert.Equal([$"{SqliteSchema.Version}"], OldStoreFile.Column(DatabasePath, "PRAGMA user_version"));
        Assert.Equal(old.CreatedAt, old.ClockStartedAt);
        var reopened = new SqliteSessionStore(DatabasePath);
        Assert.All(await reopened.ListSessionsAsync(Ct), s => Assert.True(s.ClockStartedAt is not null || s.Id == "s-queued", s.Id));
        Assert.Null((await reopened.GetSessionAsync("s-queued", Ct))!.ClockStartedAt);
        Assert.Equal(later, (await reopened.GetSessionAsync("s-waited", Ct))!.ClockStartedAt);
        Assert.Contains("s-queued", (await reopened.ListActiveSessionsAsync(Ct)).Select(s => s.Id));
        Assert.Equal(["queued"], OldStoreFile.Column(DatabasePath, "SELECT state FROM sessions WHERE id = 's-queued'"));
    }
}
