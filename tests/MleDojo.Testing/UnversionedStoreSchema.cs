namespace MleDojo.Testing;

/// <summary>
/// The SQLite schema as servers before store versioning wrote it (their CreateSchemaAsync, verbatim; no
/// <c>user_version</c>): frozen here, whatever the store's schema becomes, so migration tests write what an old server did.
/// </summary>
public static class UnversionedStoreSchema
{
    /// <summary>The statements, as the old server ran them.</summary>
    public const string Sql = """
        PRAGMA journal_mode = WAL;
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
}
