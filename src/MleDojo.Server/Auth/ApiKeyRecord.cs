namespace MleDojo.Server.Auth;

/// <summary>An API key as the key store holds it: never the key itself, only its hash.</summary>
/// <param name="Name">The principal the key authenticates.</param>
/// <param name="Scopes">What it may do.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="RevokedAt">When it was revoked; null while it works.</param>
public sealed record ApiKeyRecord(string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
