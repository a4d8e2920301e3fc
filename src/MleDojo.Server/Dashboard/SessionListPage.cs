using System.Globalization;
using System.Text;
using MleDojo.Server.Auth;
using static MleDojo.Server.Dashboard.DashboardLayout;

namespace MleDojo.Server.Dashboard;

/// <summary>
/// <c>/</c>: the sessions the viewer may see, newest first, with their state, steps, best public score and time left.
/// dashboard.js polls <c>/api/sessions</c> and redraws the rows, so a new session or a new score appears with no reload.
/// </summary>
internal static class SessionListPage
{
    /// <summary>The page.</summary>
    public static string Render(IReadOnlyList<SessionSummary> sessions, Caller viewer, string? antiforgery)
    {
        var headers = new List<string> { "Session", "Competition", "Agent" };
        if (viewer.IsAdmin)
        {
            headers.Add("Owner");
        }

        headers.AddRange(["State", "Step", "Best public score", "Time left", "Started"]);
        var html = new StringBuilder()
            .Append("<p class=\"live\" id=\"live-status\">Live: this list updates by itself.</p>\n")
            .Append("<p id=\"no-sessions\" class=\"hint\"").Append(sessions.Count == 0 ? "" : " hidden")
            .Append(">No sessions yet. Start one from an MCP client (start_session) and it appears here.</p>\n")
            .Append("<table class=\"sortable\" id=\"sessions\"").Append(sessions.Count == 0 ? " hidden" : "").Append(">\n<thead><tr>");
        foreach (var header in headers)
        {
            html.Append("<th scope=\"col\"><button type=\"button\">").Append(Encode(header)).Append("</button></th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var session in sessions)
        {
            AppendRow(html, session, viewer.IsAdmin);
        }

        html.Append("</tbody>\n</table>");
        var live = new Dictionary<string, string>
        {
            ["data-live"] = "list",
            ["data-api"] = $"{DashboardRoutes.Api}/sessions",
            ["data-admin"] = viewer.IsAdmin ? "true" : "false",
        };
        return DashboardLayout.Render("Sessions", viewer, antiforgery, html.ToString(), live);
    }

    private static void AppendRow(StringBuilder html, SessionSummary s, bool admin)
    {
        html.Append("<tr data-session=\"").Append(Encode(s.SessionId)).Append("\"><td><a href=\"").Append(Encode(DashboardRoutes.Session(s.SessionId))).Append("\">")
            .Append(Encode(s.SessionId)).Append("</a></td>")
            .Append(Cell(s.CompetitionId)).Append(Cell(s.Agent ?? DashboardFormat.Missing));
        if (admin)
        {
            html.Append(Cell(s.Owner ?? Caller.LocalOperator.DisplayName));
        }

        html.Append("<td class=\"state state-").Append(Encode(s.State)).Append("\">").Append(Encode(s.State)).Append("</td>")
            .Append(Number($"{s.StepsUsed} / {s.MaxSteps}", s.StepsUsed))
            .Append(Number(DashboardFormat.Score(s.BestPublicScore), s.BestPublicScore, "best"))
            .Append(Number(DashboardFormat.TimeLeft(s.TimeLeftSeconds), s.TimeLeftSeconds))
            .Append(Cell(DashboardFormat.Time(s.CreatedAt)))
            .Append("</tr>\n");
    }

    private static string Cell(string text) => $"<td>{Encode(text)}</td>";

    // data-sort gives report.js the full value to sort by; a missing one sorts last, as in reports.
    private static string Number(string text, double? key, string? field = null) =>
        $"<td class=\"num\" data-sort=\"{(key is { } k ? k.ToString("R", CultureInfo.InvariantCulture) : "NaN")}\"{(field is null ? "" : $" data-field=\"{field}\"")}>{Encode(text)}</td>";
}
