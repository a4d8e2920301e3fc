using System.Security.Claims;
using MleDojo.Server.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace MleDojo.Server.Auth;

/// <summary>
/// <c>--auth jwt</c>: this server as an OAuth 2.1 resource server, as the MCP authorization specification describes.
/// Tokens are validated for issuer, audience, lifetime and signature by JwtBearer, with keys from the authority's
/// discovery document or from a JWKS file. The principal is the configured name claim (<c>sub</c>); the scopes come
/// from <c>scope</c> or <c>scp</c>, space-separated as RFC 9068 writes them.
/// </summary>
internal static class JwtAuthentication
{
    /// <summary>Adds the JwtBearer scheme configured from <paramref name="options"/>.</summary>
    public static AuthenticationBuilder AddDojoJwt(this AuthenticationBuilder builder, JwtOptions options) =>
        builder.AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, bearer =>
        {
            bearer.MapInboundClaims = false;
            bearer.Authority = options.Authority;
            bearer.Audience = options.Audience;
            bearer.RequireHttpsMetadata = options.RequireHttpsMetadata;
            bearer.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = options.Issuer,
                ValidateAudience = true,
                ValidAudience = options.Audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ValidateIssuerSigningKey = true,
                RequireSignedTokens = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = options.NameClaim,
                IssuerSigningKeys = options.JwksFile is { } file ? new JsonWebKeySet(File.ReadAllText(file)).GetSigningKeys() : null,
            };
            bearer.Events = new JwtBearerEvents { OnTokenValidated = context => SplitScopes(context.Principal) };
        });

    /// <summary>What is wrong with <paramref name="options"/> for <c>--auth jwt</c>, or nothing.</summary>
    public static IEnumerable<string> Problems(JwtOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            yield return "MleDojo:Http:Jwt:Audience is required with --auth jwt: the audience tokens must be issued for (this server's resource identifier).";
        }

        if (string.IsNullOrWhiteSpace(options.Authority) && string.IsNullOrWhiteSpace(options.JwksFile))
        {
            yield return "--auth jwt needs signing keys: set MleDojo:Http:Jwt:Authority (the authorization server) or MleDojo:Http:Jwt:JwksFile (a JSON Web Key Set).";
        }

        if (string.IsNullOrWhiteSpace(options.Authority) && string.IsNullOrWhiteSpace(options.Issuer))
        {
            yield return "MleDojo:Http:Jwt:Issuer is required when no Authority is set: the issuer tokens must carry.";
        }

        if (options.JwksFile is { } file && !File.Exists(file))
        {
            yield return $"MleDojo:Http:Jwt:JwksFile '{file}' does not exist.";
        }
    }

    // "scope": "play admin" becomes one claim per scope, as API keys give them.
    internal static Task SplitScopes(ClaimsPrincipal? principal)
    {
        if (principal?.Identity is ClaimsIdentity identity)
        {
            var scopes = identity.FindAll("scope").Concat(identity.FindAll("scp")).ToList();
            foreach (var claim in scopes)
            {
                identity.RemoveClaim(claim);
            }

            identity.AddClaims(scopes.SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal)
                .Select(scope => new Claim(DojoScopes.ClaimType, scope)));
        }

        return Task.CompletedTask;
    }
}
