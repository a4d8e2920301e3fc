namespace MleDojo.Server.Auth;

/// <summary>What a principal may do: the scopes of API keys and of access tokens.</summary>
public static class DojoScopes
{
    /// <summary>Play episodes: start sessions and use them, and see its own sessions.</summary>
    public const string Play = "play";

    /// <summary>See and use every principal's sessions (operators, the dashboard's overview).</summary>
    public const string Admin = "admin";

    /// <summary>The claim carrying one scope per claim, as the authentication handlers issue them.</summary>
    public const string ClaimType = "scope";

    /// <summary>Every scope there is.</summary>
    public static IReadOnlyList<string> All { get; } = [Play, Admin];

    /// <summary>The scopes in <paramref name="text"/> (comma- or space-separated); an unknown one is an error naming it.</summary>
    /// <exception cref="ArgumentException">A scope is unknown.</exception>
    public static IReadOnlyList<string> Parse(string? text)
    {
        var scopes = (text ?? Play).Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var unknown = scopes.Where(s => !All.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown scope{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown)}; the scopes are {string.Join(", ", All)}.");
        }

        return scopes.Count == 0 ? [Play] : scopes;
    }
}
