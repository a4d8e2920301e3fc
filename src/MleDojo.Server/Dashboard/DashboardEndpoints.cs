using MleDojo.Server.Auth;
using MleDojo.Server.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MleDojo.Server.Dashboard;

/// <summary>
/// The dashboard on the same host as <c>/mcp</c> (<c>serve --http</c> only): the session list, a page per session, the
/// leaderboard, their JSON, sign-in and sign-out. Read-only: apart from signing in and out, every route is a GET,
/// and none of them starts, changes or ends an episode.
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>Adds what the dashboard needs: its cookie scheme and policies, data protection, and the services its pages read.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, HttpOptions http)
    {
        services.AddDashboardAuthentication(http);
        services.AddSingleton<DashboardSessions>();
        services.AddSingleton<LeaderboardPage>();
        return services;
    }

    /// <summary>Maps the dashboard's routes.</summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{DashboardRoutes.Assets}/{{name}}", (string name, HttpContext context) => DashboardAssets.Serve(name, context)).AllowAnonymous();

        var pages = app.MapGroup("").RequireAuthorization(DashboardAuthentication.PagePolicy);
        pages.MapGet(DashboardRoutes.Home, ListAsync);
        pages.MapGet("/sessions/{id}", SessionAsync);
        pages.MapGet("/sessions/{id}/live", LiveBodyAsync);
        pages.MapGet(DashboardRoutes.Leaderboard, LeaderboardAsync);

        var api = app.MapGroup(DashboardRoutes.Api).RequireAuthorization(DashboardAuthentication.ApiPolicy);
        api.MapGet("/sessions", async (HttpContext context, DashboardSessions sessions) =>
            Json(context, await sessions.ListAsync(Caller.From(context.User), context.RequestAborted).ConfigureAwait(false), DashboardJsonContext.Default.IReadOnlyListSessionSummary));
        api.MapGet("/sessions/{id}", async (string id, HttpContext context, DashboardSessions sessions) =>
            await sessions.FindAsync(Caller.From(context.User), id, context.RequestAborted).ConfigureAwait(false) is { } detail
                ? Json(context, detail, DashboardJsonContext.Default.SessionDetail)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "not_found", detail: $"No session '{id}'."));

        app.MapGet(DashboardRoutes.SignIn, SignInForm).AllowAnonymous();
        app.MapPost(DashboardRoutes.SignIn, SignInAsync).AllowAnonymous().DisableAntiforgery();
        pages.MapPost(DashboardRoutes.SignOut, SignOutAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext context, DashboardSessions sessions, IAntiforgery antiforgery, HttpOptions http)
    {
        var viewer = Caller.From(context.User);
        var rows = await sessions.ListAsync(viewer, context.RequestAborted).ConfigureAwait(false);
        return DashboardLayout.Page(context, SessionListPage.Render(rows, viewer, SignOutToken(context, antiforgery, http)));
    }

    private static async Task<IResult> SessionAsync(string id, HttpContext context, DashboardSessions sessions, IAntiforgery antiforgery, HttpOptions http)
    {
        var viewer = Caller.From(context.User);
        var token = SignOutToken(context, antiforgery, http);
        return await sessions.FindAsync(viewer, id, context.RequestAborted).ConfigureAwait(false) is { } detail
            ? DashboardLayout.Page(context, SessionPage.Render(detail, viewer, token))
            : NotFound(context, viewer, token, id);
    }

    private static async Task<IResult> LiveBodyAsync(string id, HttpContext context, DashboardSessions sessions)
    {
        var detail = await sessions.FindAsync(Caller.From(context.User), id, context.RequestAborted).ConfigureAwait(false);
        DashboardLayout.Secure(context.Response, DashboardLayout.ContentSecurityPolicy);
        return detail is null ? Results.NotFound() : Results.Content(SessionPage.LiveBody(detail), "text/html; charset=utf-8");
    }

    private static async Task<IResult> LeaderboardAsync(HttpContext context, LeaderboardPage leaderboard, IAntiforgery antiforgery, HttpOptions http)
    {
        var viewer = Caller.From(context.User);
        var (html, nothing) = await leaderboard.RenderAsync(viewer, context.RequestAborted).ConfigureAwait(false);
        if (html is null)
        {
            var content = $"<p id=\"no-leaderboard\">{DashboardLayout.Encode(nothing ?? "There is nothing to report yet.")}</p>";
            return DashboardLayout.Page(context, DashboardLayout.Render("Leaderboard", viewer, SignOutToken(context, antiforgery, http), content));
        }

        DashboardLayout.Secure(context.Response, LeaderboardPage.ContentSecurityPolicy);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static IResult SignInForm(HttpContext context, IAntiforgery antiforgery, HttpOptions http, string? returnUrl = null)
    {
        // Under --auth none there is no one to sign in: the viewer is the local operator.
        if (http.Mode == AuthMode.None)
        {
            return Results.Redirect(DashboardRoutes.Home);
        }

        var token = antiforgery.GetAndStoreTokens(context).RequestToken!;
        return DashboardLayout.Page(context, SignInPage.Render(http.Mode, token, SignInPage.SafeReturn(returnUrl), error: null));
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, CredentialCheck check, HttpOptions http)
    {
        if (http.Mode == AuthMode.None)
        {
            return Results.Redirect(DashboardRoutes.Home);
        }

        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return Results.Text("The sign-in form expired or did not come from this server. Open /signin and try again.\n", statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var returnUrl = SignInPage.SafeReturn(form[SignInPage.ReturnField]);
        if (await check.CheckAsync(form[SignInPage.CredentialField], context.RequestAborted).ConfigureAwait(false) is not { } signedIn)
        {
            var what = http.Mode == AuthMode.Jwt ? "access token" : "API key";
            var error = $"That {what} is not valid: it is wrong, revoked or expired. Nothing was signed in.";
            var token = antiforgery.GetAndStoreTokens(context).RequestToken!;
            return DashboardLayout.Page(context, SignInPage.Render(http.Mode, token, returnUrl, error), StatusCodes.Status401Unauthorized);
        }

        await context.SignInAsync(DashboardAuthentication.Scheme, signedIn.Principal, new AuthenticationProperties
        {
            ExpiresUtc = signedIn.ExpiresAt,
            IsPersistent = false,
            AllowRefresh = false,
        }).ConfigureAwait(false);
        return Results.Redirect(returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return Results.Text("The sign-out form did not come from this server.\n", statusCode: StatusCodes.Status400BadRequest);
        }

        await context.SignOutAsync(DashboardAuthentication.Scheme).ConfigureAwait(false);
        return Results.Redirect(DashboardRoutes.SignIn);
    }

    private static IResult NotFound(HttpContext context, Caller viewer, string? token, string id)
    {
        // The same page for a session that does not exist and for another principal's: ids cannot be probed.
        var content = $"<p id=\"not-found\">There is no session '{DashboardLayout.Encode(id)}'.</p><p><a href=\"{DashboardRoutes.Home}\">Back to the sessions</a></p>";
        return DashboardLayout.Page(context, DashboardLayout.Render("Session not found", viewer, token, content), StatusCodes.Status404NotFound);
    }

    private static IResult Json<T>(HttpContext context, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(value, type);
    }

    // A sign-out form needs a token bound to the signed-in principal; under --auth none there is no sign-out.
    private static string? SignOutToken(HttpContext context, IAntiforgery antiforgery, HttpOptions http) =>
        http.Mode == AuthMode.None ? null : antiforgery.GetAndStoreTokens(context).RequestToken;
}
