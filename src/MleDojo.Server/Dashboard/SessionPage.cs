using System.Globalization;
using System.Text;
using MleDojo.Reports.Html;
using MleDojo.Reports.Plots;
using MleDojo.Server.Auth;
using static MleDojo.Server.Dashboard.DashboardLayout;

namespace MleDojo.Server.Dashboard;

/// <summary>
/// <c>/sessions/{id}</c>: one episode as it plays. The facts and the budget gauges are refreshed from
/// <c>/api/sessions/{id}</c> every poll; the best-so-far chart and the timeline of calls (<see cref="LiveBody"/>) are
/// fetched again, rendered by the server, whenever a call is recorded or finishes.
/// </summary>
internal static class SessionPage
{
    /// <summary>The page.</summary>
    public static string Render(SessionDetail detail, Caller viewer, string? antiforgery)
    {
        var s = detail.Summary;
        var html = new StringBuilder()
            .Append("<p class=\"live\" id=\"live-status\">Live: this page updates by itself.</p>\n<dl class=\"facts\">\n")
            .Append(Fact("Session", s.SessionId))
            .Append(Fact("Competition", s.CompetitionId))
            .Append(Fact("Agent", s.Agent ?? DashboardFormat.Missing));
        if (viewer.IsAdmin)
        {
            html.Append(Fact("Owner", s.Owner ?? Caller.LocalOperator.DisplayName));
        }

        html.Append(Fact("State", s.State, "state"))
            .Append(Fact($"Best public score{(detail.Metric is { } metric ? $" ({metric}, {(detail.HigherIsBetter == false ? "lower" : "higher")} is better)" : "")}", DashboardFormat.Score(s.BestPublicScore), "best"))
            .Append(Fact("Started", DashboardFormat.Time(s.CreatedAt)));
        if (detail.EndReason is { } reason)
        {
            html.Append(Fact("Ended", reason));
        }

        var b = detail.Budget;
        html.Append("</dl>\n<section id=\"budget\">\n<h2>Budget</h2>\n<div class=\"gauges\">\n")
            .Append(Gauge("steps", "Steps", b.StepsUsed, b.MaxSteps, $"{b.StepsUsed} / {b.MaxSteps}", "used"))
            .Append(Gauge("time", "Time", b.EpisodeTimeoutSeconds - b.TimeLeftSeconds, b.EpisodeTimeoutSeconds, DashboardFormat.TimeLeft(s.TimeLeftSeconds), "left", "time-left"))
            .Append(Gauge("submissions", "Submissions", b.SubmissionsUsed, b.MaxSubmissions, $"{b.SubmissionsUsed} / {b.MaxSubmissions}", "made"))
            .Append("</div>\n</section>\n")
            .Append("<div id=\"live-body\" data-src=\"").Append(Encode(DashboardRoutes.Session(s.SessionId) + "/live")).Append("\">\n")
            .Append(LiveBody(detail))
            .Append("</div>");
        var live = new Dictionary<string, string>
        {
            ["data-live"] = "session",
            ["data-api"] = DashboardRoutes.SessionApi(s.SessionId),
            ["data-revision"] = s.Revision,
        };
        return DashboardLayout.Render($"{s.CompetitionId} · {s.Agent ?? s.SessionId}", viewer, antiforgery, html.ToString(), live);
    }

    /// <summary>The part that changes with each call: the best-so-far chart and the timeline.</summary>
    public static string LiveBody(SessionDetail detail)
    {
        var html = new StringBuilder("<section id=\"progress\">\n<h2>Best public score so far</h2>\n");
        if (detail.BestSoFar.Count == 0)
        {
            html.Append(new HtmlParagraph("No scored step yet: the chart starts with the first execute_code whose submission is valid.").ToHtml());
        }
        else
        {
            var steps = detail.BestSoFar.Select(p => (double)p.Step).ToList();
            var scores = detail.BestSoFar.Select(p => p.Score).ToList();
            var plot = new BestSoFarPlot(detail.Summary.CompetitionId, detail.Metric ?? "score", [new CurveSeries(detail.Summary.Agent ?? "this session", steps, scores)]);
            html.Append(new HtmlFigure("best-so-far", "Best public score against step", plot.ToSvg(900, 360)).ToHtml());
        }

        html.Append("\n</section>\n<section id=\"timeline\">\n<h2>Timeline</h2>\n");
        var table = new HtmlTable(["Call", "Step", "Action", "Status", "Public score", "Reward", "Duration", "At"], "Every call, in order; open a call below for its code and output.");
        foreach (var call in detail.Calls)
        {
            table.AddRow(
                HtmlCell.Number(call.Seq, "0"),
                call.Step is { } n ? HtmlCell.Number(n, "0") : HtmlCell.Missing,
                call.Action,
                new HtmlCell(call.Status, CssClass: $"status-{call.Status}"),
                new HtmlCell(DashboardFormat.Score(call.PublicScore), call.PublicScore ?? double.NaN),
                new HtmlCell(call.Reward is { } r ? r.ToString("0.####", CultureInfo.InvariantCulture) : DashboardFormat.Missing, call.Reward ?? double.NaN),
                new HtmlCell(DashboardFormat.Seconds(call.DurationSeconds), call.DurationSeconds ?? double.NaN),
                DashboardFormat.Time(call.CreatedAt));
        }

        html.Append(table.ToHtml()).Append('\n');
        foreach (var call in detail.Calls.Where(c => c.Code is not null || c.Output is not null).Reverse())
        {
            html.Append("<div class=\"call\" data-call=\"").Append(call.Seq.ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append(new HtmlDetails(CallSummary(call), CallBody(call)).ToHtml())
                .Append("</div>\n");
        }

        return html.Append("</section>\n").ToString();
    }

    private static string CallSummary(CallView call) =>
        $"Call {call.Seq}{(call.Step is { } n ? $", step {n}" : "")}: {call.Action} → {call.Status}" +
        (call.PublicScore is { } p ? $", public {DashboardFormat.Score(p)}" : "") +
        (call.DurationSeconds is { } d ? $", {DashboardFormat.Seconds(d)}" : "");

    private static List<IHtmlBlock> CallBody(CallView call)
    {
        var blocks = new List<IHtmlBlock>();
        if (call.Code is { } code)
        {
            blocks.Add(new HtmlCode(code, "Code"));
        }

        if (call.Output is { } output)
        {
            blocks.Add(new HtmlCode(output.Head, output.Tail.Length == 0 ? "Output" : "Output, head"));
            if (output.Tail.Length > 0)
            {
                blocks.Add(new HtmlParagraph($"… {output.OmittedLines} line(s) left out …"));
                blocks.Add(new HtmlCode(output.Tail, "Output, tail"));
            }
        }
        else if (call.Status == "running")
        {
            blocks.Add(new HtmlParagraph("Running: its output shows here when it finishes."));
        }

        return blocks;
    }

    private static string Fact(string term, string value, string? field = null) =>
        $"<dt>{Encode(term)}</dt><dd{(field is null ? "" : $" data-field=\"{field}\"")}>{Encode(value)}</dd>\n";

    private static string Gauge(string id, string title, double value, double max, string reading, string unit, string? field = null) =>
        string.Create(CultureInfo.InvariantCulture,
            $"<div class=\"gauge\" id=\"gauge-{id}\"><h3>{Encode(title)}</h3><progress data-gauge=\"{id}\" value=\"{Math.Clamp(value, 0, Math.Max(1, max)):0.##}\" max=\"{Math.Max(1, max):0.##}\"></progress>" +
            $"<div class=\"reading\"><span data-field=\"{field ?? id}\">{Encode(reading)}</span> {Encode(unit)}</div></div>\n");
}
