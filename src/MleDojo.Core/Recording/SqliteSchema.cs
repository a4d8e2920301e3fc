using Microsoft.Data.Sqlite;

namespace MleDojo.Core.Recording;

/// <summary>
/// The store's tables and their version (<c>PRAGMA user_version</c>). A store brings its file to <see cref="Version"/>
/// the first time it uses it, in one transaction that takes the write lock first: another process opening the same
/// file waits, then finds it done; a failed migration leaves the file as it was.
/// </summary>
/// <remarks>
/// Versions:
/// <list type="bullet">
/// <item>0: files written before versioning. <c>sessions.state</c> held the enum's C# name (<c>Active</c>,
/// <c>Terminated</c>, <c>Truncated</c>, <c>Closed</c>); <c>steps.action</c> and <c>steps.status</c> were already the
/// snake_case wire names.</item>
/// <item>1: every enum column holds the wire name the JSON uses (<c>active</c>, <c>terminated</c>, ...), and a refused
/// step's <c>reason</c> argument is the code the caller was given (<c>episode_over</c>, not <c>EpisodeOver</c>).</item>
/// <item>2: sessions say who played them: <c>agent</c>, <c>experiment</c>, <c>seed</c>, <c>client_name</c>,
/// <c>client_version</c> (null in rows written before).</item>
/// <item>3: sessions say which principal owns them (<c>owner</c>; null for stdio sessions and rows written before).</item>
/// <item>4: sessions say when their wall clock started (<c>clock_started_at</c>): later than <c>created_at</c> for a
/// session that waited in a Slurm queue, null while it waits (state <c>queued</c>); rows written before get their
/// <c>created_at</c>, when every clock started.</item>
/// </list>
/// A migration's SQL states the old values it rewrites: it must go on reading files as that old server wrote them,
/// whatever the enums become.
/// </remarks>
internal static class SqliteSchema
{
    /// <summary>The version this build writes and reads.</summary>
    public const int Version = 4;

    /// <summary>The tables as version 1 has them; a new file gets them, then every later migration, like an old file.</summary>
    private const string Tables = """
        CREATE TABLE IF NOT EXISTS sessions (
            id TEXT PRIMARY KEY,
            competition_id TEXT NOT NULL,
            state TEXT NOT NULL,
            created_at TEXT NOT NULL,
            ended_at TEXT,
            end_reason TEXT,
            budget_json TEXT NOT NULL,
            sandbox TEXT NOT NULL,
            isolation TEXT NOT NULL,
            isolated INTEGER NOT NULL,
            workspace_path TEXT NOT NULL,
            previous_session_id TEXT,
            saw_public_scores INTEGER NOT NULL DEFAULT 0,
            final_json TEXT
        );
        CREATE TABLE IF NOT EXISTS steps (
            session_id TEXT NOT NULL REFERENCES sessions(id),
            seq INTEGER NOT NULL,
            step INTEGER,
            action TEXT NOT NULL,
            created_at TEXT NOT NULL,
            status TEXT NOT NULL,
            run_id TEXT,
            code TEXT,
            arguments_json TEXT,
            result_json TEXT,
            public_score REAL,
            private_score REAL,
            reward REAL,
            duration_s REAL,
            submission_snapshot TEXT,
            PRIMARY KEY (session_id, seq)
        );
        """;

    /// <summary>Version 0 to 1: the episode states PascalCase, as <c>EpisodeState.ToString()</c> wrote them, become their wire names.</summary>
    private const string SnakeCaseStates = """
        UPDATE sessions SET state = CASE state
            WHEN 'Active' THEN 'active'
            WHEN 'Terminated' THEN 'terminated'
            WHEN 'Truncated' THEN 'truncated'
            WHEN 'Closed' THEN 'closed'
        END
        WHERE state IN ('Active', 'Terminated', 'Truncated', 'Closed');
        """;

    /// <summary>
    /// Version 0 to 1: a refused step's <c>reason</c> argument, written as the C# name of the refusal's code
    /// (<c>EpisodeOver</c>), becomes the code the caller was given (<c>episode_over</c>). The message is left as it was.
    /// </summary>
    private const string SnakeCaseRefusals = """
        UPDATE steps SET arguments_json = json_set(arguments_json, '$.reason', CASE json_extract(arguments_json, '$.reason')
            WHEN 'UnknownSession' THEN 'unknown_session'
            WHEN 'UnknownCompetition' THEN 'unknown_competition'
            WHEN 'EpisodeOver' THEN 'episode_over'
            WHEN 'BudgetExhausted' THEN 'budget_exhausted'
            WHEN 'TooManyRuns' THEN 'too_many_runs'
            WHEN 'BudgetAboveCeiling' THEN 'budget_above_ceiling'
            WHEN 'InvalidArgument' THEN 'invalid_argument'
            WHEN 'UnknownRun' THEN 'unknown_run'
            WHEN 'InvalidPath' THEN 'invalid_path'
            WHEN 'NothingToSubmit' THEN 'nothing_to_submit'
            WHEN 'SandboxUnavailable' THEN 'sandbox_unavailable'
        END)
        WHERE status = 'refused' AND json_valid(arguments_json)
            AND json_extract(arguments_json, '$.reason') IN ('UnknownSession', 'UnknownCompetition', 'EpisodeOver', 'BudgetExhausted', 'TooManyRuns', 'BudgetAboveCeiling', 'InvalidArgument', 'UnknownRun', 'InvalidPath', 'NothingToSubmit', 'SandboxUnavailable');
        """;

    /// <summary>Version 1 to 2: who played each session. Earlier rows have none of it.</summary>
    private const string SessionLabels = """
        ALTER TABLE sessions ADD COLUMN agent TEXT;
        ALTER TABLE sessions ADD COLUMN experiment TEXT;
        ALTER TABLE sessions ADD COLUMN seed INTEGER;
        ALTER TABLE sessions ADD COLUMN client_name TEXT;
        ALTER TABLE sessions ADD COLUMN client_version TEXT;
        """;

    /// <summary>Version 2 to 3: the principal that owns each session. Earlier rows were all started over stdio.</summary>
    private const string SessionOwner = """
        ALTER TABLE sessions ADD COLUMN owner TEXT;
        CREATE INDEX IF NOT EXISTS sessions_owner ON sessions(owner);
        """;

    /// <summary>Version 3 to 4: when each session's clock started. Until then every clock started when its session was created.</summary>
    private const string ClockStart = """
        ALTER TABLE sessions ADD COLUMN clock_started_at TEXT;
        UPDATE sessions SET clock_started_at = created_at;
        """;

    /// <summary>Creates the tables of a new file, or migrates an older one, to <see cref="Version"/>. Doing it again changes nothing.</summary>
    /// <returns>The version the file had.</returns>
    /// <exception cref="InvalidDataException">The file was written by a newer version of the store.</exception>
    public static async Task<int> EnsureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // WAL cannot be turned on inside a transaction; it is a property of the file and stays on.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);

        // IMMEDIATE: the write lock is taken before the version is read, so two openers cannot both migrate.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var found = Convert.ToInt32(await ScalarAsync(connection, transaction, "PRAGMA user_version;", cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (found > Version)
        {
            throw new InvalidDataException(
                $"{connection.DataSource} has store schema version {found}; this MleDojo reads up to version {Version}. It was written by a newer MleDojo: use that, or another data root.");
        }

        if (found < Version)
        {
            await ExecuteAsync(connection, transaction, Tables, cancellationToken).ConfigureAwait(false);
            if (found < 1)
            {
                await ExecuteAsync(connection, transaction, SnakeCaseStates, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, SnakeCaseRefusals, cancellationToken).ConfigureAwait(false);
            }

            if (found < 2)
            {
                await ExecuteAsync(connection, transaction, SessionLabels, cancellationToken).ConfigureAwait(false);
            }

            if (found < 3)
            {
                await ExecuteAsync(connection, transaction, SessionOwner, cancellationToken).ConfigureAwait(false);
            }

            if (found < 4)
            {
                await ExecuteAsync(connection, transaction, ClockStart, cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(connection, transaction, $"PRAGMA user_version = {Version};", cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return found;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
