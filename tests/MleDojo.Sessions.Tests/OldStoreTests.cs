using System.Text.Json;
using MleDojo.Core.Sessions;
using MleDojo.Sessions.Tests.Support;
using Microsoft.Data.Sqlite;

namespace MleDojo.Sessions.Tests;

/// <summary>
/// A data root whose SQLite file an older server wrote (no schema version, episode states in PascalCase) keeps
/// working after an upgrade: the new server migrates the file, recovers its active episode under the same id, and its
/// ended episodes read back with the right state.
/// </summary>
public sealed class OldStoreTests(SandboxFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Recover_StoreOfAnOlderServer_MigratesItResumesTheActiveEpisodeAndReadsBackTheEnded()
    {
        await using var dojo = await Dojo.CreateAsync(fixture);
        var active = (await dojo.StartAsync()).SessionId;
        Assert.Equal(1.0, (await dojo.ExecuteAsync(active, Scripts.Perfect)).PublicScore);
        var submitted = (await dojo.StartAsync()).SessionId;
        await dojo.ExecuteAsync(submitted, Scripts.Perfect);
        var final = await dojo.Sessions.SubmitAsync(submitted, cancellationToken: Ct);
        var closed = (await dojo.StartAsync()).SessionId;
        await dojo.Sessions.EndAsync(closed, Ct);
        await dojo.Sessions.DisposeAsync();

        // The server is stopped and its file replaced by the one an old server would have written for the same
        // episodes: its schema, no user_version, the states as EpisodeState.ToString() wrote them, the steps as they were.
        RewriteAsOldServer(dojo.DataRoot.DatabasePath);
        Assert.Equal(["0"], Column(dojo.DataRoot.DatabasePath, "PRAGMA user_version"));
        Assert.Equal(["Active", "Closed", "Terminated"], Column(dojo.DataRoot.DatabasePath, "SELECT state FROM sessions ORDER BY state"));

        Assert.Equal(1, await dojo.RestartAsync());

        Assert.Equal(["4"], Column(dojo.DataRoot.DatabasePath, "PRAGMA user_version"));
        Assert.Equal(["active", "closed", "terminated"], Column(dojo.DataRoot.DatabasePath, "SELECT state FROM sessions ORDER BY state"));

        // Every clock of the old server started when its session was created.
        Assert.Equal(
            Column(dojo.DataRoot.DatabasePath, "SELECT created_at FROM sessions ORDER BY id"),
            Column(dojo.DataRoot.DatabasePath, "SELECT clock_started_at FROM sessions ORDER BY id"));

        // The active episode came back under its id, resumed, and goes on: its scored step can still be submitted.
        var history = await dojo.Sessions.GetHistoryAsync(active, Ct);
        Assert.Equal(EpisodeState.Active, history.State);
        Assert.Equal(ActionName.Resume, history.Steps[^1].Action);
        Assert.Equal(1.0, history.BestPublicScore);
        Assert.Contains("\"state\":\"active\"", JsonSerializer.Serialize(history), StringComparison.Ordinal);
        var next = await dojo.ExecuteAsync(active, Scripts.Constant);
        Assert.Equal(RunStatus.Succeeded, next.Status);
        Assert.Equal(2, next.Step);
        var submittedLater = await dojo.Sessions.SubmitAsync(active, cancellationToken: Ct);
        Assert.Equal(1, submittedLater.Step);
        Assert.Equal(1.0, submittedLater.PrivateScore);
        await dojo.AssertRecordedAsync(active, expectedRunSteps: 2);

        // The ended ones read back as they ended, and are not revived.
        var terminated = await dojo.Sessions.GetHistoryAsync(submitted, Ct);
        Assert.Equal(EpisodeState.Terminated, terminated.State);
        var ended = await dojo.Sessions.EndAsync(submitted, Ct);
        Assert.Equal(EpisodeState.Terminated, ended.State);
        Assert.Equal(final.PrivateScore, ended.Final!.PrivateScore);
        Assert.Contains("\"state\":\"terminated\"", JsonSerializer.Serialize(ended), StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<SessionException>(() => dojo.ExecuteAsync(submitted, Scripts.Hello));
        Assert.Contains("The episode is terminated", error.Message, StringComparison.Ordinal);
        Assert.Equal(EpisodeState.Closed, (await dojo.Sessions.EndAsync(closed, Ct)).State);
        Assert.DoesNotContain(await dojo.RecordedStepsAsync(closed), s => s.Action == ActionName.Resume);
    }

    /// <summary>Writes the file anew with the old schema and the rows it holds, the states in PascalCase, with SQL alone.</summary>
    private static void RewriteAsOldServer(string path)
    {
        SqliteConnection.ClearAllPools();
        var old = path + ".old";
        using (var connection = new SqliteConnection($"Data Source={old};Pooling=False"))
        {
            connection.Open();
            Execute(connection, UnversionedStoreSchema.Sql);
            Execute(connection, $"ATTACH DATABASE '{path}' AS live");
            Execute(connection, """
                INSERT INTO main.sessions
                SELECT id, competition_id,
                       CASE state WHEN 'active' THEN 'Active' WHEN 'terminated' THEN 'Terminated' WHEN 'truncated' THEN 'Truncated' WHEN 'closed' THEN 'Closed' END,
                       created_at, ended_at, end_reason, budget_json, sandbox, isolation, isolated, workspace_path, previous_session_id, saw_public_scores, final_json
                FROM live.sessions;
                INSERT INTO main.steps SELECT * FROM live.steps;
                """);
            Execute(connection, "DETACH DATABASE live");
        }

        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }

        File.Move(old, path);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            if (File.Exists(old + suffix))
            {
                File.Move(old + suffix, path + suffix);
            }
        }
    }

    private static List<string> Column(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
