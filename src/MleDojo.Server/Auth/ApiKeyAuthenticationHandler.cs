using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MleDojo.Server.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> with a key from <c>mledojo keys create</c>: the principal is the key's name,
/// with its scopes. A wrong or revoked key fails; no header is no result, and the challenge then answers 401 with a
/// <c>WWW-Authenticate: Bearer</c> header, as RFC 6750 asks.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.From(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        if (await keys.FindAsync(token, Context.RequestAborted).ConfigureAwait(false) is not { } key)
        {
            return AuthenticateResult.Fail("The API key is wrong or revoked.");
        }

        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, key.Name));
        identity.AddClaims(key.Scopes.Select(scope => new Claim(DojoScopes.ClaimType, scope)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = BearerToken.From(Request) is null
            ? "Bearer realm=\"mledojo\""
            : "Bearer realm=\"mledojo\", error=\"invalid_token\", error_description=\"The API key is wrong or revoked.\"";
        return Task.CompletedTask;
    }
}
