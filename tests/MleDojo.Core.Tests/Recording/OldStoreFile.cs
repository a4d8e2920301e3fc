using Microsoft.Data.Sqlite;

namespace MleDojo.Core.Tests.Recording;

/// <summary>
/// A store file as the server wrote it before the store had versions (schema version 0): its DDL, no
/// <c>user_version</c>, episode states in PascalCase. The rows are those a real episode of that server left (a
/// terminated, a closed and an active session), with shortened paths.
/// </summary>
internal static class OldStoreFile
{
    public const string Terminated = "s-8ae73087ce07";
    public const string Closed = "s-1570289366d5";
    public const string Active = "s-d9811a34f5e6";

    /// <summary>The result_json of the terminated session's scored execute_code, as the old server wrote it.</summary>
    public const string RunResultJson = """
        {"session_id":"s-8ae73087ce07","run_id":"run-0001","step":1,"action":"execute_code","status":"succeeded","stdout":"validation accuracy (rule on train): 0.7828\n\u0022quoted\u0022 \u003Ctag\u003E\n","stderr":"","exit_code":0,"duration_s":1.004,"logs":["runs/run-0001.stdout.log","runs/run-0001.stderr.log"],"submission":{"found":true,"written_by_this_run":true,"valid":true,"rows":393,"errors":[]},"public_score":0.7796610169491526,"best_public_score":0.7796610169491526,"reward":0.8654459058437912,"terminated":false,"truncated":false,"note":null,"budget":{"max_steps":5,"steps_used":1,"steps_remaining":4,"run_timeout_s":600,"episode_timeout_s":7200,"episode_remaining_s":7198.6,"runs_in_flight":0,"max_runs_in_flight":1,"memory_mb":4096,"cpus":2,"submissions_remaining":1},"final":null}
        """;

    /// <summary>The terminated session's final_json.</summary>
    public const string FinalJson = """
        {"session_id":"s-8ae73087ce07","step":1,"private_score":0.7709090909090909,"public_score":0.7796610169491526,"position_score":null,"medal":null,"normalized_score":0.8163277280354856,"automatic":false,"terminated":false,"truncated":false,"saw_public_scores":true,"report":{"competition_id":"titanic","metric":"accuracy","is_lower_better":false,"submission_exists":true,"valid_submission":true,"errors":[],"public_score":0.7796610169491526,"private_score":0.7709090909090909,"position_score":null,"leaderboard_entries":null,"medal":null,"gold_threshold":null,"silver_threshold":null,"bronze_threshold":null,"median_threshold":null,"above_median":null,"normalized_score":0.8163277280354856,"baseline_score":0.625455,"reference_score":0.803636,"grading_error":null,"created_at":"2026-12-01T14:17:07.5356001+00:00"},"budget":{"max_steps":5,"steps_used":1,"steps_remaining":4,"run_timeout_s":600,"episode_timeout_s":7200,"episode_remaining_s":7198.5,"runs_in_flight":0,"max_runs_in_flight":1,"memory_mb":4096,"cpus":2,"submissions_remaining":1}}
        """;

    /// <summary>The terminated session's budget_json.</summary>
    public const string BudgetJson = """
        {"max_steps":5,"run_timeout_s":600,"episode_timeout_s":7200,"max_runs_in_flight":1,"memory_mb":4096,"cpus":2,"max_submissions":1,"max_processes":256,"max_output_bytes":67108864}
        """;

    /// <summary>Arguments of the recorded calls, as the old server wrote them.</summary>
    public const string StartArgumentsJson = """{"competition_id":"titanic","budget":{"max_steps":5,"run_timeout_s":null,"episode_timeout_s":null,"memory_mb":null,"cpus":null,"max_submissions":null}}""";
    public const string SubmitArgumentsJson = """{"step":null}""";
    public const string RefusedArgumentsJson = """{"reason":"EpisodeOver","message":"The episode is terminated: final submission graded. Final private score: 0.770909 (step 1). Start a new episode with reset or start_session; get_history still works."}""";
    public const string InfoArgumentsJson = """{"info_type":"metric"}""";
    public const string WriteArgumentsJson = """{"path":"notes.md","bytes":1}""";


    private const string Budget50 = """{"max_steps":50,"run_timeout_s":600,"episode_timeout_s":7200,"max_runs_in_flight":1,"memory_mb":4096,"cpus":2,"max_submissions":1,"max_processes":256,"max_output_bytes":67108864}""";
    private const string NoBudget = """{"competition_id":"titanic","budget":{"max_steps":null,"run_timeout_s":null,"episode_timeout_s":null,"memory_mb":null,"cpus":null,"max_submissions":null}}""";
    private const string SubmitResultJson = """{"session_id":"s-8ae73087ce07","step":1,"private_score":0.7709090909090909,"public_score":0.7796610169491526,"position_score":null,"medal":null,"normalized_score":0.8163277280354856,"automatic":false,"terminated":true,"truncated":false,"saw_public_scores":true,"report":{"competition_id":"titanic","metric":"accuracy","is_lower_better":false,"submission_exists":true,"valid_submission":true,"errors":[],"public_score":0.7796610169491526,"private_score":0.7709090909090909,"position_score":null,"leaderboard_entries":null,"medal":null,"gold_threshold":null,"silver_threshold":null,"bronze_threshold":null,"median_threshold":null,"above_median":null,"normalized_score":0.8163277280354856,"baseline_score":0.625455,"reference_score":0.803636,"grading_error":null,"created_at":"2026-12-01T14:17:07.5356001+00:00"},"budget":{"max_steps":5,"steps_used":1,"steps_remaining":4,"run_timeout_s":600,"episode_timeout_s":7200,"episode_remaining_s":0,"runs_in_flight":0,"max_runs_in_flight":1,"memory_mb":4096,"cpus":2,"submissions_remaining":0}}""";
    private const string ValidateResultJson = """{"session_id":"s-d9811a34f5e6","run_id":"run-0001","step":1,"action":"validate_code","status":"failed","stdout":"","stderr":"","exit_code":3,"duration_s":0.122,"logs":["runs/run-0001.stdout.log","runs/run-0001.stderr.log"],"submission":{"found":false,"written_by_this_run":false,"valid":false,"rows":0,"errors":[]},"public_score":null,"best_public_score":null,"reward":0,"terminated":false,"truncated":false,"note":null,"budget":{"max_steps":50,"steps_used":1,"steps_remaining":49,"run_timeout_s":600,"episode_timeout_s":7200,"episode_remaining_s":7199.9,"runs_in_flight":0,"max_runs_in_flight":1,"memory_mb":4096,"cpus":2,"submissions_remaining":1},"final":null}""";

    /// <summary>Writes the file at <paramref name="path"/>; <paramref name="schema"/> replaces the old DDL (to make a migration fail).</summary>
    public static void Write(string path, string? schema = null)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, schema ?? UnversionedStoreSchema.Sql);
        Execute(connection, "INSERT INTO sessions VALUES ($id, 'titanic', 'Terminated', '2026-12-01T14:17:06.0745610+00:00', '2026-12-01T14:17:07.5565811+00:00', 'final submission graded', $budget, 'local', 'bubblewrap', 1, '/data/workspaces/s-8ae73087ce07', NULL, 1, $final)",
            ("$id", Terminated), ("$budget", BudgetJson), ("$final", FinalJson));
        Execute(connection, "INSERT INTO sessions VALUES ($id, 'titanic', 'Closed', '2026-12-01T14:17:07.6348015+00:00', '2026-12-01T14:17:07.7011291+00:00', 'ended by end_session', $budget, 'local', 'bubblewrap', 1, '/data/workspaces/s-1570289366d5', NULL, 0, NULL)",
            ("$id", Closed), ("$budget", Budget50));
        Execute(connection, "INSERT INTO sessions VALUES ($id, 'titanic', 'Active', '2026-12-01T14:17:07.7276886+00:00', NULL, NULL, $budget, 'local', 'bubblewrap', 1, '/data/workspaces/s-d9811a34f5e6', NULL, 0, NULL)",
            ("$id", Active), ("$budget", Budget50));

        const string insertStep = "INSERT INTO steps VALUES ($s, $seq, $step, $action, $at, $status, $run, $code, $args, $result, $public, $private, $reward, $duration, $snapshot)";
        Execute(connection, insertStep, ("$s", Terminated), ("$seq", 1), ("$step", null), ("$action", "start_session"), ("$at", "2026-12-01T14:17:06.1176778+00:00"), ("$status", "ok"), ("$run", null), ("$code", null), ("$args", StartArgumentsJson), ("$result", null), ("$public", null), ("$private", null), ("$reward", null), ("$duration", null), ("$snapshot", null));
        Execute(connection, insertStep, ("$s", Terminated), ("$seq", 2), ("$step", 1), ("$action", "execute_code"), ("$at", "2026-12-01T14:17:06.3884209+00:00"), ("$status", "succeeded"), ("$run", "run-0001"), ("$code", "print(1)"), ("$args", null), ("$result", RunResultJson), ("$public", 0.7796610169491526), ("$private", null), ("$reward", 0.8654459058437912), ("$duration", 1.004), ("$snapshot", "/data/sessions/s-8ae73087ce07/submissions/step-0001-48160924bf004e1f8fcebddbd847c4ee.csv"));
        Execute(connection, insertStep, ("$s", Terminated), ("$seq", 3), ("$step", null), ("$action", "submit"), ("$at", "2026-12-01T14:17:07.5581897+00:00"), ("$status", "ok"), ("$run", null), ("$code", null), ("$args", SubmitArgumentsJson), ("$result", SubmitResultJson), ("$public", 0.7796610169491526), ("$private", 0.7709090909090909), ("$reward", 0.8163277280354856), ("$duration", null), ("$snapshot", null));
        Execute(connection, insertStep, ("$s", Terminated), ("$seq", 4), ("$step", null), ("$action", "execute_code"), ("$at", "2026-12-01T14:17:07.5941949+00:00"), ("$status", "refused"), ("$run", null), ("$code", null), ("$args", RefusedArgumentsJson), ("$result", null), ("$public", null), ("$private", null), ("$reward", null), ("$duration", null), ("$snapshot", null));
        Execute(connection, insertStep, ("$s", Closed), ("$seq", 1), ("$step", null), ("$action", "start_session"), ("$at", "2026-12-01T14:17:07.6408334+00:00"), ("$status", "ok"), ("$run", null), ("$code", null), ("$args", NoBudget), ("$result", null), ("$public", null), ("$private", null), ("$reward", null), ("$duration", null), ("$snapshot", null));
        Execute(connection, insertStep, ("$s", Closed), ("$seq", 2), ("$step", null), ("$action", "request_info"), ("$at", "2026-12-01T14:17:07.6606297+00:00"), ("$status", "ok"), ("$run", null), ("$code", null), ("$args", InfoArgumentsJson), ("$result", null), ("$public", null), ("$private", null), ("$reward", null), ("$duration", null), ("$snapshot", null));
        Execute(connection, insertStep, ("$s", Closed), ("$seq", 3), ("$step", null), ("$action", "write_file"), ("$at", "2026-12-01T14:17:07.6819569+00:00"), ("$status", "ok"), ("$run", null), ("$code", "x"), ("$args", WriteArgumentsJson), ("$result", null), ("$public", null), ("$private", null), ("$reward", null), ("$duration", null), ("$snapshot", null));
        Execute(connection, insertStep, ("$s", Closed), ("$seq", 4), ("$step", null), ("$action", "end_session"), ("$at", "2026-12-01T14:17:07.7013501+00:00"), ("$status", "ok"), ("$run", null), ("$code", null), ("$args", null), ("$result", null), ("$public", null), ("$private", null), ("$reward", null), ("$duration", null), ("$snapshot", null));
        Execute(connection, insertStep, ("$s", Active), ("$seq", 1), ("$step", null), ("$action", "start_session"), ("$at", "2026-12-01T14:17:07.7332514+00:00"), ("$status", "ok"), ("$run", null), ("$code", null), ("$args", NoBudget), ("$result", null), ("$public", null), ("$private", null), ("$reward", null), ("$duration", null), ("$snapshot", null));
        Execute(connection, insertStep, ("$s", Active), ("$seq", 2), ("$step", 1), ("$action", "validate_code"), ("$at", "2026-12-01T14:17:07.7496592+00:00"), ("$status", "failed"), ("$run", "run-0001"), ("$code", "raise SystemExit(3)"), ("$args", null), ("$result", ValidateResultJson), ("$public", null), ("$private", null), ("$reward", 0.0), ("$duration", 0.122), ("$snapshot", null));
    }

    /// <summary>Every row of both tables and the schema version, as text, to compare a file before and after.</summary>
    public static string Dump(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        var text = new System.Text.StringBuilder();
        foreach (var sql in new[] { "PRAGMA user_version", "SELECT * FROM sessions ORDER BY id", "SELECT * FROM steps ORDER BY session_id, seq" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                text.AppendJoin(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))).AppendLine();
            }
        }

        return text.ToString();
    }

    /// <summary>One column of a query, as text.</summary>
    public static List<string?> Column(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string?>();
        while (reader.Read())
        {
            values.Add(reader.IsDBNull(0) ? null : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return values;
    }

    public static void Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }
}
