using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using MleDojo.Core.Grading;
using MleDojo.Core.Recording;
using MleDojo.Reports;
using MleDojo.Reports.Formats;
using MleDojo.Server.Experiments;
using MleDojo.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MleDojo.Server.Cli;

/// <summary>
/// <c>mledojo report [--experiment ID] [--agents a,b] [--competitions ids|tags] [--since DATE] [--format md|csv|json|html]
/// [--out FILE] [--open]</c>: a leaderboard of the agents in the store, with Elo, AUP, medals and scores over seeds.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var experiment = new Option<string?>("--experiment") { Description = "Only sessions labelled with this experiment (mledojo eval labels its sessions with the experiment id)." };
        var agents = new Option<string?>("--agents") { Description = "Only these agents, comma-separated: agent labels, or MCP client names for unlabelled sessions." };
        var competitions = new Option<string?>("--competitions") { Description = "Only these competitions, comma-separated ids or tags (e.g. lite)." };
        var since = new Option<string?>("--since") { Description = "Only sessions started at or after this date or time (ISO 8601, e.g. 2026-12-01 or 2026-12-01T14:00Z; UTC when no offset)." };
        var format = new Option<string>("--format") { Description = "md, csv, json or html (one self-contained page with plots).", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("md", "csv", "json", "html");
        var output = new Option<string?>("--out") { Description = "Write to this file instead of stdout." };
        var open = new Option<bool>("--open") { Description = "Open the written file with the desktop's default application (needs --out)." };
        var anchor = new Option<string>("--anchor") { Description = $"The agent pinned at Elo 1000; the default {ReportOptions.BaselineAgent} is a pseudo-agent that scores each competition's shipped baseline.", DefaultValueFactory = _ => ReportOptions.BaselineAgent };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples of the competitions for the Elo intervals.", DefaultValueFactory = _ => 1000 };
        var command = new Command("report", "A leaderboard of the recorded episodes: scores over seeds, normalised and position scores, medals, Elo with bootstrap intervals and AUP, as Markdown, CSV, JSON or a self-contained HTML page.")
        {
            experiment, agents, competitions, since, format, output, open, anchor, bootstrap,
        };
        command.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(parseResult, async (host, ct) =>
        {
            if (!TryParseSince(parseResult.GetValue(since), out var from))
            {
                Console.Error.WriteLine($"error: --since '{parseResult.GetValue(since)}' is not a date. Give an ISO 8601 date or time, such as 2026-12-01 or 2026-12-01T14:00Z.");
                return 2;
            }

            var target = parseResult.GetValue(output) is { } path ? Path.GetFullPath(path) : null;
            if (parseResult.GetValue(open) && target is null)
            {
                Console.Error.WriteLine("error: --open needs --out FILE: there is no file to open when the report goes to stdout.");
                return 2;
            }

            if (parseResult.GetValue(bootstrap) < 1)
            {
                Console.Error.WriteLine("error: --bootstrap must be at least 1.");
                return 2;
            }

            var context = host.Services.GetRequiredService<CatalogContext>();
            if (!File.Exists(context.DataRoot.DatabasePath))
            {
                Console.Error.WriteLine($"error: no recordings at {context.DataRoot.DatabasePath}. Play an episode first, or set --home or MLEDOJO_HOME to the server's data root.");
                return 1;
            }

            var filter = new ReportFilter
            {
                Experiment = parseResult.GetValue(experiment),
                Agents = List(parseResult.GetValue(agents)),
                Competitions = List(parseResult.GetValue(competitions)),
                Since = from,
            };
            var reader = new EpisodeReader(
                new SqliteSessionStore(context.DataRoot.DatabasePath),
                context.Catalog.Registry,
                new SnapshotGrader(context.Preparer, new Grader()),
                EpisodeUsages.Read(context.DataRoot));
            var episodes = await reader.ReadAsync(filter, new ReadingProgress(), ct);
            var report = ReportBuilder.Build(episodes, filter, new ReportOptions { Anchor = parseResult.GetValue(anchor)!, BootstrapSamples = parseResult.GetValue(bootstrap) });
            var text = parseResult.GetValue(format) switch
            {
                "csv" => CsvReport.Render(report),
                "json" => JsonReport.Render(report),
                "html" => HtmlReport.Render(report),
                _ => MarkdownReport.Render(report),
            };
            if (target is null)
            {
                await Console.Out.WriteAsync(text.AsMemory(), ct);
                return 0;
            }

            // The file appears whole or not at all.
            var temporary = target + ".partial";
            await File.WriteAllTextAsync(temporary, text, new UTF8Encoding(false), ct);
            File.Move(temporary, target, overwrite: true);
            Console.Error.WriteLine($"wrote the report of {report.Episodes.Count} episode(s), {report.Standings.Count} agent(s), {report.Competitions.Count} competition(s) to {target}");
            if (parseResult.GetValue(open))
            {
                Open(target);
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static List<string> List(string? commaSeparated) =>
        commaSeparated is null ? [] : [.. commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static bool TryParseSince(string? text, out DateTimeOffset? since)
    {
        since = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            since = parsed;
            return true;
        }

        return false;
    }

    private static void Open(string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("xdg-open", [path]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine($"could not open it: xdg-open is not installed here. Open {path} in a browser.");
        }
    }

    /// <summary>Progress while the store is read: a line that updates in place on a terminal, a few lines otherwise.</summary>
    private sealed class ReadingProgress : IProgress<ReportProgress>
    {
        private int _lastTenth = -1;

        public void Report(ReportProgress value)
        {
            if (!Console.IsErrorRedirected)
            {
                Console.Error.Write($"\rreading episodes {value.Episodes}/{value.Total}{(value.Episodes == value.Total ? "\n" : "")}");
                return;
            }

            var tenth = value.Total == 0 ? 10 : value.Episodes * 10 / value.Total;
            if (value.Total >= 50 && tenth != _lastTenth)
            {
                _lastTenth = tenth;
                Console.Error.WriteLine($"reading episodes {value.Episodes}/{value.Total}");
            }
        }
    }
}
