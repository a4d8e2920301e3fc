using MleDojo.Core.Serialization;
using MleDojo.Core.Sessions;
using Microsoft.Data.Sqlite;

namespace MleDojo.Core.Recording;

/// <summary>
/// Sessions and their steps in one SQLite file under the data root. Every write commits before the call
/// returns, so a crash loses nothing recorded; WAL mode lets readers (export, history) run beside writers. Enum
/// columns hold their JSON wire names (<see cref="DojoJson.WireName{TEnum}"/>); an older file is migrated the first
/// time the store uses it (<see cref="SqliteSchema"/>).
/// </summary>
public sealed class SqliteSessionStore
{
    private readonly string _connectionString;
    private readonly Lazy<Task> _schema;

    /// <summary>Creates the store; the file and schema are created, or an older file migrated, on first use.</summary>
    public SqliteSessionStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
        _schema = new Lazy<Task>(() => CreateSchemaAsync(CancellationToken.None));
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens the store, creating the file or migrating an older one.</summary>
    public static async Task<SqliteSessionStore> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        var store = new SqliteSessionStore(path);
        await store._schema.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    private async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await SqliteSchema.EnsureAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts or replaces a session row.</summary>
    public async Task SaveSessionAsync(SessionRecord s, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO sessions (id, competition_id, state, created_at, ended_at, end_reason, budget_json, sandbox, isolation, isolated, workspace_path, previous_session_id, saw_public_scores, final_json,
                agent, experiment, seed, client_name, client_version, owner, clock_started_at)
            VALUES ($id, $competition, $state, $created, $ended, $reason, $budget, $sandbox, $isolation, $isolated, $workspace, $previous, $saw, $final,
                $agent, $experiment, $seed, $client, $clientVersion, $owner, $clock)
            """;
        command.Parameters.AddWithValue("$id", s.Id);
        command.Parameters.AddWithValue("$competition", s.CompetitionId);
        command.Parameters.AddWithValue("$state", DojoJson.WireName(s.State));
        command.Parameters.AddWithValue("$created", s.CreatedAt.ToString("O"));
        command.Parameters.AddWithValue("$ended", (object?)s.EndedAt?.ToString("O") ?? DBNull.Value);
        command.Parameters.AddWithValue("$reason", (object?)s.EndReason ?? DBNull.Value);
        command.Parameters.AddWithValue("$budget", s.BudgetJson);
        command.Parameters.AddWithValue("$sandbox", s.Sandbox);
        command.Parameters.AddWithValue("$isolation", s.Isolation);
        command.Parameters.AddWithValue("$isolated", s.Isolated ? 1 : 0);
        command.Parameters.AddWithValue("$workspace", s.WorkspacePath);
        command.Parameters.AddWithValue("$previous", (object?)s.PreviousSessionId ?? DBNull.Value);
        command.Parameters.AddWithValue("$saw", s.SawPublicScores ? 1 : 0);
        command.Parameters.AddWithValue("$final", (object?)s.FinalJson ?? DBNull.Value);
        command.Parameters.AddWithValue("$agent", (object?)s.Labels.Agent ?? DBNull.Value);
        command.Parameters.AddWithValue("$experiment", (object?)s.Labels.Experiment ?? DBNull.Value);
        command.Parameters.AddWithValue("$seed", (object?)s.Labels.Seed ?? DBNull.Value);
        command.Parameters.AddWithValue("$client", (object?)s.Labels.ClientName ?? DBNull.Value);
        command.Parameters.AddWithValue("$clientVersion", (object?)s.Labels.ClientVersion ?? DBNull.Value);
        command.Parameters.AddWithValue("$owner", (object?)s.Labels.Owner ?? DBNull.Value);
        command.Parameters.AddWithValue("$clock", (object?)s.ClockStartedAt?.ToString("O") ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends a step.</summary>
    public async Task AppendStepAsync(StepRecord r, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO steps (session_id, seq, step, action, created_at, status, run_id, code, arguments_json, result_json, public_score, private_score, reward, duration_s, submission_snapshot)
            VALUES ($session, $seq, $step, $action, $created, $status, $run, $code, $args, $result, $public, $private, $reward, $duration, $snapshot)
            """;
        command.Parameters.AddWithValue("$session", r.SessionId);
        command.Parameters.AddWithValue("$seq", r.Seq);
        command.Parameters.AddWithValue("$step", (object?)r.Step ?? DBNull.Value);
        command.Parameters.AddWithValue("$action", DojoJson.WireName(r.Action));
        command.Parameters.AddWithValue("$created", r.CreatedAt.ToString("O"));
        command.Parameters.AddWithValue("$status", DojoJson.WireName(r.Status));
        command.Parameters.AddWithValue("$run", (object?)r.RunId ?? DBNull.Value);
        command.Parameters.AddWithValue("$code", (object?)r.Code ?? DBNull.Value);
        command.Parameters.AddWithValue("$args", (object?)r.ArgumentsJson ?? DBNull.Value);
        command.Parameters.AddWithValue("$result", (object?)r.ResultJson ?? DBNull.Value);
        command.Parameters.AddWithValue("$public", (object?)r.PublicScore ?? DBNull.Value);
        command.Parameters.AddWithValue("$private", (object?)r.PrivateScore ?? DBNull.Value);
        command.Parameters.AddWithValue("$reward", (object?)r.Reward ?? DBNull.Value);
        command.Parameters.AddWithValue("$duration", (object?)r.DurationSeconds ?? DBNull.Value);
        command.Parameters.AddWithValue("$snapshot", (object?)r.SubmissionSnapshot ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes a step recorded when its run started.</summary>
    public async Task UpdateStepAsync(string sessionId, int seq, StepStatus status, string resultJson, double? publicScore, double? reward, double? durationSeconds, string? submissionSnapshot, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE steps SET status = $status, result_json = $result, public_score = $public, reward = $reward, duration_s = $duration, submission_snapshot = $snapshot
            WHERE session_id = $session AND seq = $seq
            """;
        command.Parameters.AddWithValue("$session", sessionId);
        command.Parameters.AddWithValue("$seq", seq);
        command.Parameters.AddWithValue("$status", DojoJson.WireName(status));
        command.Parameters.AddWithValue("$result", resultJson);
        command.Parameters.AddWithValue("$public", (object?)publicScore ?? DBNull.Value);
        command.Parameters.AddWithValue("$reward", (object?)reward ?? DBNull.Value);
        command.Parameters.AddWithValue("$duration", (object?)durationSeconds ?? DBNull.Value);
        command.Parameters.AddWithValue("$snapshot", (object?)submissionSnapshot ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One session, or null.</summary>
    public async Task<SessionRecord?> GetSessionAsync(string id, CancellationToken cancellationToken = default)
    {
        var found = await QuerySessionsAsync("WHERE id = $p", id, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Sessions whose episode had not ended when the server last stopped: active ones, and queued ones waiting for their sandbox.</summary>
    public Task<IReadOnlyList<SessionRecord>> ListActiveSessionsAsync(CancellationToken cancellationToken = default) =>
        QuerySessionsAsync($"WHERE state IN ($p, '{DojoJson.WireName(EpisodeState.Queued)}')", DojoJson.WireName(EpisodeState.Active), cancellationToken);

    /// <summary>Every session, newest first.</summary>
    public Task<IReadOnlyList<SessionRecord>> ListSessionsAsync(CancellationToken cancellationToken = default) =>
        QuerySessionsAsync("WHERE $p = $p ORDER BY created_at DESC", "", cancellationToken);

    /// <summary>A session's steps in order.</summary>
    public async Task<IReadOnlyList<StepRecord>> ListStepsAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT session_id, seq, step, action, created_at, status, run_id, code, arguments_json, result_json, public_score, private_score, reward, duration_s, submission_snapshot FROM steps WHERE session_id = $s ORDER BY seq";
        command.Parameters.AddWithValue("$s", sessionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var steps = new List<StepRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            steps.Add(new StepRecord
            {
                SessionId = reader.GetString(0),
                Seq = reader.GetInt32(1),
                Step = reader.IsDBNull(2) ? null : reader.GetInt32(2),
                Action = DojoJson.ParseWireName<ActionName>(reader.GetString(3)),
                CreatedAt = DateTimeOffset.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture),
                Status = DojoJson.ParseWireName<StepStatus>(reader.GetString(5)),
                RunId = NullableString(reader, 6),
                Code = NullableString(reader, 7),
                ArgumentsJson = NullableString(reader, 8),
                ResultJson = NullableString(reader, 9),
                PublicScore = NullableDouble(reader, 10),
                PrivateScore = NullableDouble(reader, 11),
                Reward = NullableDouble(reader, 12),
                DurationSeconds = NullableDouble(reader, 13),
                SubmissionSnapshot = NullableString(reader, 14),
            });
        }

        return steps;
    }

    private async Task<IReadOnlyList<SessionRecord>> QuerySessionsAsync(string where, string parameter, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, competition_id, state, created_at, ended_at, end_reason, budget_json, sandbox, isolation, isolated, workspace_path, previous_session_id, saw_public_scores, final_json, agent, experiment, seed, client_name, client_version, owner, clock_started_at FROM sessions {where}";
        command.Parameters.AddWithValue("$p", parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var sessions = new List<SessionRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sessions.Add(new SessionRecord
            {
                Id = reader.GetString(0),
                CompetitionId = reader.GetString(1),
                State = DojoJson.ParseWireName<EpisodeState>(reader.GetString(2)),
                CreatedAt = DateTimeOffset.Parse(reader.GetString(3), System.Globalization.CultureInfo.InvariantCulture),
                EndedAt = reader.IsDBNull(4) ? null : DateTimeOffset.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture),
                EndReason = NullableString(reader, 5),
                BudgetJson = reader.GetString(6),
                Sandbox = reader.GetString(7),
                Isolation = reader.GetString(8),
                Isolated = reader.GetInt32(9) != 0,
                WorkspacePath = reader.GetString(10),
                PreviousSessionId = NullableString(reader, 11),
                SawPublicScores = reader.GetInt32(12) != 0,
                FinalJson = NullableString(reader, 13),
                Labels = new SessionLabels
                {
                    Agent = NullableString(reader, 14),
                    Experiment = NullableString(reader, 15),
                    Seed = reader.IsDBNull(16) ? null : reader.GetInt64(16),
                    ClientName = NullableString(reader, 17),
                    ClientVersion = NullableString(reader, 18),
                    Owner = NullableString(reader, 19),
                },
                ClockStartedAt = reader.IsDBNull(20) ? null : DateTimeOffset.Parse(reader.GetString(20), System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        return sessions;
    }

    private async Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        await _schema.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragma = connection.CreateCommand();
        // WAL with NORMAL sync: a commit survives a crash of the server process (what the store promises);
        // only an OS crash or power loss can drop the newest commits. FULL costs an fsync per step.
        pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static string? NullableString(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static double? NullableDouble(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
}
