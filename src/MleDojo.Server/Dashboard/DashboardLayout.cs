using System.Net;
using System.Text;
using MleDojo.Server.Auth;
using Microsoft.AspNetCore.Http;

namespace MleDojo.Server.Dashboard;

/// <summary>
/// The shell of every dashboard page: the bar with the viewer and sign-out, the content, and the linked assets. The
/// page is sent with a Content-Security-Policy that allows this server's own scripts, styles and JSON and nothing
/// else: no inline script, no other origin, no framing.
/// </summary>
internal static class DashboardLayout
{
    /// <summary>
    /// The policy of dashboard pages: nothing inline, not even styles (the inlined SVG plots use presentation
    /// attributes only; the browser test watches for violations), and fetches to this server alone.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>A whole page.</summary>
    /// <param name="title">The page's title and heading.</param>
    /// <param name="viewer">Who is looking; null on the sign-in page.</param>
    /// <param name="antiforgery">The token the sign-out form posts; null where there is no sign-out (sign-in page, <c>--auth none</c>).</param>
    /// <param name="content">The page's HTML, every text in it encoded already.</param>
    /// <param name="live">Attributes for dashboard.js on the body (<c>data-api</c>, <c>data-live</c>, ...); empty for a page that does not update.</param>
    public static string Render(string title, Caller? viewer, string? antiforgery, string content, IReadOnlyDictionary<string, string>? live = null)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append(" · MleDojo</title>\n");
        foreach (var style in DashboardAssets.Styles)
        {
            html.Append("<link rel=\"stylesheet\" href=\"").Append(Encode(style)).Append("\">\n");
        }

        html.Append("</head>\n<body");
        foreach (var (name, value) in live ?? new Dictionary<string, string>())
        {
            html.Append(' ').Append(name).Append("=\"").Append(Encode(value)).Append('"');
        }

        html.Append(">\n<header class=\"bar\">\n<a class=\"brand\" href=\"").Append(DashboardRoutes.Home).Append("\">MleDojo</a>\n");
        if (viewer is not null)
        {
            html.Append("<nav aria-label=\"Dashboard\"><a href=\"").Append(DashboardRoutes.Home).Append("\">Sessions</a><a href=\"")
                .Append(DashboardRoutes.Leaderboard).Append("\">Leaderboard</a></nav>\n")
                .Append("<div class=\"viewer\"><span id=\"viewer\">").Append(Encode(viewer.DisplayName)).Append(viewer.IsAdmin ? " (admin)" : "").Append("</span>");
            if (antiforgery is not null)
            {
                html.Append("<form method=\"post\" action=\"").Append(DashboardRoutes.SignOut).Append("\">")
                    .Append(HiddenToken(antiforgery))
                    .Append("<button type=\"submit\" class=\"link\" id=\"sign-out\">Sign out</button></form>");
            }

            html.Append("</div>\n");
        }

        html.Append("</header>\n<main>\n<h1>").Append(Encode(title)).Append("</h1>\n").Append(content).Append("\n</main>\n");
        foreach (var script in DashboardAssets.Scripts)
        {
            html.Append("<script src=\"").Append(Encode(script)).Append("\"></script>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>The hidden field carrying an antiforgery token.</summary>
    public static string HiddenToken(string token) =>
        $"<input type=\"hidden\" name=\"{DashboardRoutes.AntiforgeryField}\" value=\"{Encode(token)}\">";

    /// <summary>A page as the response, with the policy and headers every dashboard page carries.</summary>
    public static IResult Page(HttpContext context, string html, int status = StatusCodes.Status200OK)
    {
        Secure(context.Response, ContentSecurityPolicy);
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>Sets the headers that keep a page private and unframed, with <paramref name="policy"/> as its CSP.</summary>
    public static void Secure(HttpResponse response, string policy)
    {
        response.Headers.ContentSecurityPolicy = policy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        // Not no-referrer: under it a browser sends "Origin: null" with the page's own form posts, which the Origin check refuses.
        response.Headers["Referrer-Policy"] = "same-origin";

        // A session's code and output are the tenant's: no shared cache may keep them.
        response.Headers.CacheControl = "no-store";
    }

    /// <summary>HTML-encodes <paramref name="text"/>.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);
}
