using System.Security.Claims;
using MleDojo.Server.Auth;
using MleDojo.Server.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MleDojo.Server.Dashboard;

/// <summary>
/// Checks the API key or access token pasted into the sign-in form exactly as the bearer schemes check a header: a key
/// against <see cref="ApiKeyStore.FindAsync"/>, a token with the JwtBearer scheme's own validation parameters (issuer,
/// audience, lifetime, signature). The principal it gives carries the same name and scopes the bearer scheme would.
/// </summary>
internal sealed class CredentialCheck(HttpOptions http, IServiceProvider services, TimeProvider time)
{
    /// <summary>The longest credential read; a JWT from a generous authorization server fits, a pasted file does not.</summary>
    public const int MaxLength = 16 * 1024;

    /// <summary>The principal behind <paramref name="credential"/> and until when it may stay signed in, or null when it is not valid.</summary>
    public async Task<SignedIn?> CheckAsync(string? credential, CancellationToken cancellationToken)
    {
        credential = credential?.Trim();
        if (string.IsNullOrEmpty(credential) || credential.Length > MaxLength)
        {
            return null;
        }

        // Pasting the whole header is an easy mistake; the scheme name is not part of the credential.
        if (credential.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            credential = credential["Bearer ".Length..].Trim();
        }

        return http.Mode switch
        {
            AuthMode.Keys => await KeyAsync(credential, cancellationToken).ConfigureAwait(false),
            AuthMode.Jwt => await TokenAsync(credential, cancellationToken).ConfigureAwait(false),
            _ => null,
        };
    }

    private async Task<SignedIn?> KeyAsync(string key, CancellationToken cancellationToken)
    {
        if (await services.GetRequiredService<ApiKeyStore>().FindAsync(key, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return null;
        }

        var identity = new ClaimsIdentity(DashboardAuthentication.Scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, record.Name));
        identity.AddClaims(record.Scopes.Select(scope => new Claim(DojoScopes.ClaimType, scope)));
        return new SignedIn(new ClaimsPrincipal(identity), time.GetUtcNow() + DashboardAuthentication.SessionLifetime);
    }

    private async Task<SignedIn?> TokenAsync(string token, CancellationToken cancellationToken)
    {
        var bearer = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = bearer.TokenValidationParameters.Clone();
        if (bearer.ConfigurationManager is { } discovery)
        {
            // With an authority, the signing keys and issuer come from its discovery document, as JwtBearer takes them.
            var configuration = await discovery.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            parameters.IssuerSigningKeys = (parameters.IssuerSigningKeys ?? []).Concat(configuration.SigningKeys).ToList();
            parameters.ValidIssuers = (parameters.ValidIssuers ?? []).Append(configuration.Issuer).ToList();
        }

        foreach (var handler in bearer.TokenHandlers)
        {
            var result = await handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
            if (!result.IsValid)
            {
                continue;
            }

            var identity = new ClaimsIdentity(result.ClaimsIdentity.Claims, DashboardAuthentication.Scheme, parameters.NameClaimType, parameters.RoleClaimType);
            var principal = new ClaimsPrincipal(identity);
            await JwtAuthentication.SplitScopes(principal).ConfigureAwait(false);
            if (identity.Name is null)
            {
                return null;
            }

            // The cookie lasts no longer than the token: an expired token must not live on in a dashboard session.
            var until = time.GetUtcNow() + DashboardAuthentication.SessionLifetime;
            if (result.SecurityToken?.ValidTo is { } validTo && validTo > DateTime.MinValue && new DateTimeOffset(validTo, TimeSpan.Zero) < until)
            {
                until = new DateTimeOffset(validTo, TimeSpan.Zero);
            }

            return new SignedIn(principal, until);
        }

        return null;
    }
}
