using MleDojo.Core;
using MleDojo.Server.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.AspNetCore.Authentication;

namespace MleDojo.Server.Auth;

/// <summary>
/// The schemes and policies of <c>serve --http</c>. The MCP endpoint takes bearer credentials only (an API key or an
/// access token), never a cookie, so a page in a browser cannot ride on a signed-in dashboard to call tools.
/// </summary>
internal static class AuthenticationSetup
{
    /// <summary>The policy of the MCP endpoint: an authenticated principal with the play or admin scope.</summary>
    public const string McpPolicy = "mcp";

    /// <summary>Where the protected-resource metadata is served (RFC 9728), under <c>--auth jwt</c>.</summary>
    public const string ResourceMetadataPath = "/.well-known/oauth-protected-resource";

    /// <summary>Adds authentication and authorization for <paramref name="options"/>'s mode.</summary>
    public static IServiceCollection AddDojoAuthentication(this IServiceCollection services, HttpOptions options)
    {
        var bearer = options.Mode switch
        {
            AuthMode.Keys => ApiKeyAuthenticationHandler.SchemeName,
            AuthMode.Jwt => JwtBearerDefaults.AuthenticationScheme,
            _ => null,
        };
        var authentication = services.AddAuthentication(o =>
        {
            o.DefaultAuthenticateScheme = bearer;

            // Under jwt, the MCP handler's challenge adds resource_metadata to WWW-Authenticate, where clients discover the authorization server.
            o.DefaultChallengeScheme = options.Mode == AuthMode.Jwt ? McpAuthenticationDefaults.AuthenticationScheme : bearer;
        });
        switch (options.Mode)
        {
            case AuthMode.Keys:
                services.AddSingleton(provider => ApiKeyStore.In(provider.GetRequiredService<DataRoot>().Path));
                authentication.AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
                break;
            case AuthMode.Jwt:
                authentication.AddDojoJwt(options.Jwt);
                authentication.AddMcp(mcp =>
                {
                    mcp.ResourceMetadataUri = new Uri(ResourceMetadataPath, UriKind.Relative);
                    mcp.ResourceMetadata = new()
                    {
                        AuthorizationServers = options.Jwt.Authority is { } authority ? [authority] : [],
                        ScopesSupported = [.. DojoScopes.All],
                        ResourceName = "MleDojo",
                    };
                    mcp.Events.OnResourceMetadataRequest = context =>
                    {
                        // The resource is this server's MCP endpoint as the client reached it (behind a proxy, its forwarded address).
                        context.ResourceMetadata!.Resource ??= $"{context.HttpContext.Request.Scheme}://{context.HttpContext.Request.Host}{context.HttpContext.Request.PathBase}/mcp";
                        return Task.CompletedTask;
                    };
                });
                break;
        }

        services.AddAuthorizationBuilder().AddPolicy(McpPolicy, policy =>
        {
            if (bearer is null)
            {
                // --auth none, on loopback only: every caller is the local operator.
                policy.RequireAssertion(_ => true);
                return;
            }

            // No scheme named here: the default authenticate scheme is the bearer one, and the default challenge (under
            // jwt, the MCP handler's) answers a 401 with where to find the authorization server.
            policy.RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.HasClaim(DojoScopes.ClaimType, DojoScopes.Play) || context.User.HasClaim(DojoScopes.ClaimType, DojoScopes.Admin));
        });
        return services;
    }
}
