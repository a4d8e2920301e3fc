using System.Text.Json.Serialization;

namespace MleDojo.Server.Dashboard;

/// <summary>One row of the dashboard's session list, as <c>/api/sessions</c> returns it.</summary>
internal sealed record SessionSummary
{
    /// <summary>The session id.</summary>
    [JsonPropertyName("session_id")] public required string SessionId { get; init; }

    /// <summary>The competition played.</summary>
    [JsonPropertyName("competition_id")] public required string CompetitionId { get; init; }

    /// <summary>The agent label, else the MCP client's name, else null.</summary>
    [JsonPropertyName("agent")] public string? Agent { get; init; }

    /// <summary>The principal that started it; null for a session started over stdio.</summary>
    [JsonPropertyName("owner")] public string? Owner { get; init; }

    /// <summary>Where the episode stands, by its wire name: active, terminated, truncated or closed.</summary>
    [JsonPropertyName("state")] public required string State { get; init; }

    /// <summary>Budget steps used.</summary>
    [JsonPropertyName("steps_used")] public required int StepsUsed { get; init; }

    /// <summary>Budget steps allowed.</summary>
    [JsonPropertyName("max_steps")] public required int MaxSteps { get; init; }

    /// <summary>The best public score so far, or null before the first scored step.</summary>
    [JsonPropertyName("best_public_score")] public double? BestPublicScore { get; init; }

    /// <summary>Wall-clock seconds left in the episode; null once it has ended.</summary>
    [JsonPropertyName("time_left_s")] public double? TimeLeftSeconds { get; init; }

    /// <summary>Runs going now.</summary>
    [JsonPropertyName("runs_in_flight")] public int RunsInFlight { get; init; }

    /// <summary>When the episode started.</summary>
    [JsonPropertyName("created_at")] public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Changes whenever a call is recorded or finishes, or the state changes: the page reloads its timeline then.</summary>
    [JsonPropertyName("revision")] public required string Revision { get; init; }
}
