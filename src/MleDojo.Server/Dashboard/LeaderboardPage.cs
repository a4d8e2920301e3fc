using System.Collections.Concurrent;
using MleDojo.Core.Competitions;
using MleDojo.Core.Grading;
using MleDojo.Core.Recording;
using MleDojo.Reports;
using MleDojo.Reports.Formats;
using MleDojo.Server.Auth;
using MleDojo.Server.Experiments;

namespace MleDojo.Server.Dashboard;

/// <summary>
/// <c>/leaderboard</c>: the report of <c>mledojo report --format html</c> (Elo, AUP, medals, best-so-far curves, every
/// episode) over the finished episodes the viewer may see: an admin's over everyone's, anyone else's over their own.
/// </summary>
internal sealed class LeaderboardPage(SqliteSessionStore store, CompetitionCatalog catalog, CompetitionPreparer preparer, Grader grader, MleDojo.Core.DataRoot dataRoot)
{
    /// <summary>
    /// The report page's own policy (<see cref="Reports.Html.HtmlPage"/> inlines its styles, script and plots and
    /// fetches nothing), with framing and form posts shut as on every dashboard page.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    // Fewer resamples than the CLI's 1000: the page is made on each request, and the intervals barely move.
    private const int BootstrapSamples = 200;

    // The report grades every step's snapshot again, so it is made once per viewer and set of episodes: a page load
    // that finds the same sessions in the same states gets the page made before (its "Generated" time says when).
    private readonly ConcurrentDictionary<Caller, (string Signature, string Html)> _made = new();

    /// <summary>The report as a page with a way back to the dashboard, or null with the reason when there is nothing to report.</summary>
    public async Task<(string? Html, string? Nothing)> RenderAsync(Caller viewer, CancellationToken cancellationToken)
    {
        var sessions = await store.ListSessionsAsync(cancellationToken).ConfigureAwait(false);
        var signature = string.Join(';', sessions.Where(s => viewer.MaySee(s.Labels.Owner)).Select(s => $"{s.Id}:{s.State}"));
        if (_made.TryGetValue(viewer, out var made) && made.Signature == signature)
        {
            return (made.Html, null);
        }

        var (html, nothing) = await MakeAsync(viewer, cancellationToken).ConfigureAwait(false);
        if (html is not null)
        {
            _made[viewer] = (signature, html);
        }

        return (html, nothing);
    }

    private async Task<(string? Html, string? Nothing)> MakeAsync(Caller viewer, CancellationToken cancellationToken)
    {
        var reader = new EpisodeReader(store, catalog.Registry, new SnapshotGrader(preparer, grader), EpisodeUsages.Read(dataRoot), s => viewer.MaySee(s.Labels.Owner));
        var filter = new ReportFilter();
        try
        {
            var episodes = await reader.ReadAsync(filter, progress: null, cancellationToken).ConfigureAwait(false);
            var report = ReportBuilder.Build(episodes, filter, new ReportOptions { BootstrapSamples = BootstrapSamples });
            return (WithNavigation(HtmlReport.Render(report)), null);
        }
        catch (ReportException ex)
        {
            return (null, $"{ex.Message} {ex.Hint}".Trim());
        }
    }

    // The report is a self-contained document; a line of links above its heading makes it a dashboard page.
    private static string WithNavigation(string report)
    {
        const string body = "<body>\n";
        var at = report.IndexOf(body, StringComparison.Ordinal);
        return at < 0
            ? report
            : report.Insert(at + body.Length, $"<p><a href=\"{DashboardRoutes.Home}\">← Sessions</a> · leaderboard of the finished episodes you may see</p>\n");
    }
}
