using System.Security.Claims;

namespace MleDojo.Server.Auth;

/// <summary>
/// Who is calling, as far as tenancy goes: the principal that owns what it starts, and whether it may see everyone's
/// sessions. A call that carries no authenticated principal comes from the local operator: over stdio, or over HTTP
/// with <c>--auth none</c> (loopback only); every other HTTP endpoint refuses unauthenticated calls before this.
/// </summary>
/// <param name="Owner">The owner recorded on sessions it starts; null for the local operator.</param>
/// <param name="IsAdmin">Whether it sees and uses every session.</param>
public sealed record Caller(string? Owner, bool IsAdmin)
{
    /// <summary>The local operator: owns what it starts as null, sees everything.</summary>
    public static Caller LocalOperator { get; } = new(null, true);

    /// <summary>The caller behind <paramref name="user"/>.</summary>
    public static Caller From(ClaimsPrincipal? user) =>
        user?.Identity is { IsAuthenticated: true } identity
            ? new Caller(identity.Name, user.HasClaim(DojoScopes.ClaimType, DojoScopes.Admin))
            : LocalOperator;

    /// <summary>Whether this caller may see and use a session owned by <paramref name="owner"/>.</summary>
    public bool MaySee(string? owner) => IsAdmin || (Owner is not null && string.Equals(owner, Owner, StringComparison.Ordinal));

    /// <summary>How the caller is named in messages and on the dashboard.</summary>
    public string DisplayName => Owner ?? "local operator";
}
