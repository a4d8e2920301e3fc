using System.Text;
using MleDojo.Server.Http;
using static MleDojo.Server.Dashboard.DashboardLayout;

namespace MleDojo.Server.Dashboard;

/// <summary><c>/signin</c>: a form for the API key (<c>--auth keys</c>) or access token (<c>--auth jwt</c>) the viewer already uses with MCP clients.</summary>
internal static class SignInPage
{
    /// <summary>The form field holding the key or token.</summary>
    public const string CredentialField = "credential";

    /// <summary>The form field holding the page to return to.</summary>
    public const string ReturnField = "returnUrl";

    /// <summary>The page, with <paramref name="error"/> above the form when the last attempt failed.</summary>
    public static string Render(AuthMode mode, string antiforgery, string returnUrl, string? error)
    {
        var (label, hint) = mode == AuthMode.Jwt
            ? ("Access token", "Paste an access token issued for this server by your authorization server (the JWT your MCP client sends as Authorization: Bearer).")
            : ("API key", "Paste your API key (mdj_…, from mledojo keys create). It is checked once; the browser then holds a sign-in cookie, never the key.");
        var html = new StringBuilder();
        if (error is not null)
        {
            html.Append("<p class=\"error\" id=\"signin-error\" role=\"alert\">").Append(Encode(error)).Append("</p>\n");
        }

        html.Append("<p class=\"hint\">").Append(Encode(hint)).Append("</p>\n")
            .Append("<form class=\"signin\" method=\"post\" action=\"").Append(DashboardRoutes.SignIn).Append("\">\n")
            .Append(HiddenToken(antiforgery)).Append('\n')
            .Append("<input type=\"hidden\" name=\"").Append(ReturnField).Append("\" value=\"").Append(Encode(returnUrl)).Append("\">\n")
            .Append("<label for=\"credential\">").Append(Encode(label)).Append("</label>\n")
            .Append("<input type=\"password\" id=\"credential\" name=\"").Append(CredentialField).Append("\" autocomplete=\"off\" spellcheck=\"false\" required autofocus>\n")
            .Append("<button type=\"submit\" id=\"sign-in\">Sign in</button>\n</form>");
        return DashboardLayout.Render("Sign in", viewer: null, antiforgery: null, html.ToString());
    }

    /// <summary>
    /// Where to go after signing in: <paramref name="returnUrl"/> when it is a path on this server, else the session
    /// list. Anything else (<c>//evil.example</c>, <c>https://…</c>, <c>/\evil</c>) would make the form an open redirect.
    /// </summary>
    public static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 and < 2048 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl)
            ? url
            : DashboardRoutes.Home;
}
