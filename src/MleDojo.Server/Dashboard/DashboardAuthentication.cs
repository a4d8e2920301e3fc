using MleDojo.Core;
using MleDojo.Server.Auth;
using MleDojo.Server.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MleDojo.Server.Dashboard;

/// <summary>
/// How a browser signs in to the dashboard: the API key or access token is checked once at <c>/signin</c>
/// (<see cref="CredentialCheck"/>), then a cookie of its own scheme carries the principal. The cookie is HttpOnly and
/// SameSite=Strict, and only the dashboard's policies accept it: <c>/mcp</c> keeps taking bearer credentials only, so a
/// page elsewhere cannot ride on a signed-in browser to call tools.
/// </summary>
/// <remarks>
/// Forged posts: the only state-changing requests are signing in and out (no route changes an episode). Both forms
/// carry an antiforgery token, whose cookie is SameSite=Strict too, and <see cref="Http.RequestOriginGuard"/> refuses a
/// post whose Origin is not this server. A strict cookie alone would not stop login CSRF (signing the victim in as the
/// attacker), which is why the sign-in form has the token as well.
/// </remarks>
internal static class DashboardAuthentication
{
    /// <summary>The cookie scheme's name.</summary>
    public const string Scheme = "DashboardCookie";

    /// <summary>The policy of the dashboard's pages: signed in with the cookie (anyone under <c>--auth none</c>).</summary>
    public const string PagePolicy = "dashboard";

    /// <summary>The policy of its JSON endpoints: the cookie, or the same bearer credentials <c>/mcp</c> takes.</summary>
    public const string ApiPolicy = "dashboard-api";

    /// <summary>The cookie's name.</summary>
    public const string CookieName = "mledojo-dashboard";

    /// <summary>How long a sign-in lasts at most; a token's own expiry cuts it shorter.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    /// <summary>Adds the cookie scheme, the dashboard's policies and data protection with keys kept under the data root.</summary>
    public static IServiceCollection AddDashboardAuthentication(this IServiceCollection services, HttpOptions http)
    {
        AddKeyRing(services);
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.Path = "/";
            cookie.LoginPath = DashboardRoutes.SignIn;
            cookie.LogoutPath = DashboardRoutes.SignOut;
            cookie.ExpireTimeSpan = SessionLifetime;
            cookie.SlidingExpiration = false;
            cookie.Events = new CookieAuthenticationEvents
            {
                // A script polling JSON wants a status it can act on, not a redirect to a form.
                OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden),
                OnValidatePrincipal = context => StillValidAsync(context, http),
            };
        });

        var bearer = http.Mode switch
        {
            AuthMode.Keys => ApiKeyAuthenticationHandler.SchemeName,
            AuthMode.Jwt => Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme,
            _ => null,
        };
        services.AddAuthorizationBuilder()
            .AddPolicy(PagePolicy, policy =>
            {
                if (bearer is null)
                {
                    // --auth none, on loopback only: the viewer is the local operator.
                    policy.RequireAssertion(_ => true);
                    return;
                }

                policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser();
            })
            .AddPolicy(ApiPolicy, policy =>
            {
                if (bearer is null)
                {
                    policy.RequireAssertion(_ => true);
                    return;
                }

                policy.AddAuthenticationSchemes(Scheme, bearer).RequireAuthenticatedUser();
            });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "mledojo-antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.FormFieldName = DashboardRoutes.AntiforgeryField;
        });
        services.AddSingleton<CredentialCheck>();
        return services;
    }

    /// <summary>
    /// Data protection encrypts the cookies. Its key ring lives in <c>dashboard-keys/</c> under the data root, readable by
    /// the server's user only, so sign-ins survive a restart. The keys are not encrypted at rest: on Linux there is no
    /// machine secret to wrap them with, and whoever can read that directory can read <c>keys.db</c> and the store
    /// beside it too. The logging configuration therefore quiets data protection's warning that says so.
    /// </summary>
    private static void AddKeyRing(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("mledojo");
        services.AddOptions<KeyManagementOptions>().Configure<DataRoot, ILoggerFactory>((options, dataRoot, logging) =>
        {
            var directory = Path.Combine(dataRoot.Path, "dashboard-keys");
            var info = OperatingSystem.IsWindows()
                ? Directory.CreateDirectory(directory)
                : Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            options.XmlRepository = new FileSystemXmlRepository(info, logging);
        });
    }

    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments(DashboardRoutes.Api, StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    // A key revoked (or reissued with fewer scopes) after sign-in ends the dashboard session at the next request, as it
    // ends bearer access at once.
    private static async Task StillValidAsync(CookieValidatePrincipalContext context, HttpOptions http)
    {
        if (http.Mode != AuthMode.Keys || context.Principal?.Identity?.Name is not { } name)
        {
            return;
        }

        var keys = await context.HttpContext.RequestServices.GetRequiredService<ApiKeyStore>().ListAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
        var scopes = context.Principal.FindAll(DojoScopes.ClaimType).Select(c => c.Value).ToList();
        if (!keys.Any(k => k.RevokedAt is null && string.Equals(k.Name, name, StringComparison.Ordinal) && scopes.All(k.Scopes.Contains)))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme).ConfigureAwait(false);
        }
    }
}
