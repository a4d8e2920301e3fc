using System.Text.Json.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>
/// Who played a session: the labels the caller gave at start_session (which agent, in which experiment, with which
/// seed) and the MCP client that connected. Reports group episodes by them; a session from a client that gives no
/// labels (an IDE agent) is still known by its client.
/// </summary>
public sealed record SessionLabels
{
    /// <summary>The longest label accepted, in characters.</summary>
    public const int MaxLength = 200;

    /// <summary>No labels: an unlabelled session from an unknown client.</summary>
    public static SessionLabels None { get; } = new();

    /// <summary>A free name of the agent, such as <c>gpt-4.1</c> or <c>my-aide-variant</c>.</summary>
    [JsonPropertyName("agent")] public string? Agent { get; init; }

    /// <summary>The experiment the episode belongs to.</summary>
    [JsonPropertyName("experiment")] public string? Experiment { get; init; }

    /// <summary>The seed of this run of the agent, for mean and standard error over seeds.</summary>
    [JsonPropertyName("seed")] public long? Seed { get; init; }

    /// <summary>The MCP client's name, from its <c>initialize</c> request.</summary>
    [JsonPropertyName("client_name")] public string? ClientName { get; init; }

    /// <summary>The MCP client's version, from its <c>initialize</c> request.</summary>
    [JsonPropertyName("client_version")] public string? ClientVersion { get; init; }

    /// <summary>
    /// The principal that started the session over HTTP (an API key's name or a token's subject): only it, and an
    /// admin, can see or use the session. Null for a session started over stdio, which only an admin sees over HTTP.
    /// Set by the server, never by the caller.
    /// </summary>
    [JsonPropertyName("owner")] public string? Owner { get; init; }

    /// <summary>The labels with empty ones as null; refused when a label is too long or holds control characters.</summary>
    /// <exception cref="SessionException">A label is unusable; the message names it.</exception>
    internal SessionLabels Checked() => this with
    {
        Agent = Check(Agent, "agent"),
        Experiment = Check(Experiment, "experiment"),
        Seed = Seed is < 0 ? throw new SessionException(SessionErrorCode.InvalidArgument, $"seed {Seed} is negative; use a whole number from 0.") : Seed,
        ClientName = Clip(ClientName),
        ClientVersion = Clip(ClientVersion),
        Owner = Clip(Owner),
    };

    private static string? Check(string? value, string name)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > MaxLength || trimmed.Any(char.IsControl))
        {
            throw new SessionException(SessionErrorCode.InvalidArgument,
                $"{name} must be one line of at most {MaxLength} characters; it has {trimmed.Length} characters{(trimmed.Any(char.IsControl) ? " and control characters" : "")}.");
        }

        return trimmed;
    }

    // The client names itself: kept, but never trusted to be short or clean.
    private static string? Clip(string? value)
    {
        var clean = value is null ? null : new string([.. value.Where(c => !char.IsControl(c))]).Trim();
        return string.IsNullOrEmpty(clean) ? null : clean.Length > MaxLength ? clean[..MaxLength] : clean;
    }
}
