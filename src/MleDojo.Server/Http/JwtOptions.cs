namespace MleDojo.Server.Http;

/// <summary>
/// How <c>serve --http --auth jwt</c> validates access tokens (<c>MleDojo:Http:Jwt</c>): the issuer, audience, lifetime
/// and signature of every token, with keys from the authority's discovery document or from a JWKS file.
/// </summary>
public sealed class JwtOptions
{
    /// <summary>The authorization server (<c>https://login.example.com/realms/ml</c>): its OpenID discovery document gives the issuer and the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The issuer tokens must carry; by default the authority's.</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience tokens must be for: this server's resource identifier (required).</summary>
    public string? Audience { get; set; }

    /// <summary>A JSON Web Key Set file with the signing keys, instead of the authority's (an offline or air-gapped deployment).</summary>
    public string? JwksFile { get; set; }

    /// <summary>The claim that names the principal. The default is <c>sub</c>.</summary>
    public string NameClaim { get; set; } = "sub";

    /// <summary>Whether the authority's metadata must be fetched over HTTPS. The default is true; only a test authority on loopback turns it off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
