namespace MleDojo.Server.Dashboard;

/// <summary>Where the dashboard's pages, endpoints and assets are.</summary>
internal static class DashboardRoutes
{
    /// <summary>The session list.</summary>
    public const string Home = "/";

    /// <summary>The sign-in form (GET) and its submission (POST).</summary>
    public const string SignIn = "/signin";

    /// <summary>Signing out (POST).</summary>
    public const string SignOut = "/signout";

    /// <summary>The leaderboard.</summary>
    public const string Leaderboard = "/leaderboard";

    /// <summary>The JSON endpoints' root.</summary>
    public const string Api = "/api";

    /// <summary>The embedded stylesheets and scripts.</summary>
    public const string Assets = "/dashboard/assets";

    /// <summary>The form field carrying the antiforgery token.</summary>
    public const string AntiforgeryField = "__antiforgery";

    /// <summary>A session's page.</summary>
    public static string Session(string sessionId) => $"/sessions/{Uri.EscapeDataString(sessionId)}";

    /// <summary>A session's JSON.</summary>
    public static string SessionApi(string sessionId) => $"{Api}/sessions/{Uri.EscapeDataString(sessionId)}";
}
