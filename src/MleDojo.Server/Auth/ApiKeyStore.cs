using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace MleDojo.Server.Auth;

/// <summary>
/// The API keys of <c>serve --http --auth keys</c>, in <c>keys.db</c> under the data root. A key is 32 random bytes,
/// shown once when created; the store keeps its SHA-256 only. A slow password hash buys nothing for a key with 256
/// bits of entropy, and SHA-256 keeps the per-request check cheap. Every request reads the file, so a revoked key
/// stops working at once, even on a running server.
/// </summary>
public sealed class ApiKeyStore(string path)
{
    private const string Prefix = "mdj_";
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();

    /// <summary>The store in the data root at <paramref name="dataRoot"/>.</summary>
    public static ApiKeyStore In(string dataRoot) => new(Path.Combine(dataRoot, "keys.db"));

    /// <summary>Creates a key for <paramref name="name"/> and returns it: the only time the key is seen.</summary>
    /// <exception cref="ArgumentException">The name is unusable, or a working key has it already.</exception>
    public async Task<string> CreateAsync(string name, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        name = CheckName(name);
        var key = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO api_keys (name, hash, scopes, created_at) VALUES ($name, $hash, $scopes, $created)";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$hash", Hash(key));
        command.Parameters.AddWithValue("$scopes", string.Join(' ', scopes));
        command.Parameters.AddWithValue("$created", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new ArgumentException($"a working key named '{name}' exists already. Revoke it first (mledojo keys revoke {name}) or choose another name.", ex);
        }

        return key;
    }

    /// <summary>Every key, working and revoked, by name.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, scopes, created_at, revoked_at FROM api_keys ORDER BY name, created_at";
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Revokes the working key named <paramref name="name"/>.</summary>
    /// <returns>Whether there was one.</returns>
    public async Task<bool> RevokeAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE api_keys SET revoked_at = $now WHERE name = $name AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>The working key <paramref name="key"/> is, or null for a wrong, malformed or revoked key.</summary>
    public async Task<ApiKeyRecord?> FindAsync(string key, CancellationToken cancellationToken)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length > 100)
        {
            return null;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, scopes, created_at, revoked_at FROM api_keys WHERE hash = $hash AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$hash", Hash(key));
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    private static string CheckName(string name)
    {
        var trimmed = name.Trim();
        return trimmed.Length is > 0 and <= 100 && trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@')
            ? trimmed
            : throw new ArgumentException($"'{name}' is not a usable key name: use 1 to 100 letters, digits, '-', '_', '.' or '@'.");
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static async Task<IReadOnlyList<ApiKeyRecord>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<ApiKeyRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(new ApiKeyRecord(
                reader.GetString(0),
                reader.GetString(1).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
                reader.IsDBNull(3) ? null : DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture)));
        }

        return keys;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(new SqliteConnectionStringBuilder(_connectionString).DataSource))!);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();

        // One working key per name; revoked ones stay, for the record.
        command.CommandText = """
            PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS api_keys (name TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, scopes TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT);
            CREATE UNIQUE INDEX IF NOT EXISTS api_keys_working_name ON api_keys(name) WHERE revoked_at IS NULL;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
