using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MleDojo.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MleDojo.Server.Cli;

/// <summary><c>mledojo competitions list [--tag T]... [--json]</c> and <c>mledojo competitions catalog [--output FILE]</c>.</summary>
internal static class CompetitionsCommand
{
    public static Command Create()
    {
        var tag = new Option<string[]>("--tag") { Description = "Only competitions with this tag or category (e.g. lite, tabular); repeat to require several." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var list = new Command("list", "List the competitions in the catalog.") { tag, json };
        list.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(parseResult, async (host, ct) =>
        {
            var context = host.Services.GetRequiredService<CatalogContext>();
            var summaries = await context.Catalog.ListAsync(parseResult.GetValue(tag) ?? [], ct);
            if (parseResult.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(summaries, JsonOutput.Options));
                return 0;
            }

            Console.WriteLine(TextTable.Render(
                ["id", "title", "category", "metric", "better", "rows", "tags"],
                summaries.Select(s => (IReadOnlyList<string>)[s.Id, s.Title, s.Category, s.Metric, s.HigherIsBetter ? "higher" : "lower", s.Rows?.ToString(CultureInfo.InvariantCulture) ?? "needs package", string.Join(",", s.Tags)])));
            foreach (var missing in summaries.Where(s => s.Unavailable is not null))
            {
                Console.Error.WriteLine($"note: {missing.Unavailable}");
            }

            return 0;
        }, cancellationToken));
        var output = new Option<string?>("--output") { Description = "Write the page to this file instead of standard output." };
        var everything = new Option<bool>("--all") { Description = "Include user-supplied and imported competitions, not only the shipped ones." };
        var catalog = new Command("catalog", "Print the Markdown catalog page (docs/competitions.md) generated from the shipped specs.") { output, everything };
        catalog.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(parseResult, async (host, ct) =>
        {
            var context = host.Services.GetRequiredService<CatalogContext>();
            var summaries = await context.Catalog.ListAsync(cancellationToken: ct);
            var shipped = CatalogContext.ShippedCompetitions + Path.DirectorySeparatorChar;
            var page = CatalogPage.Render([.. summaries
                .Select(s => (Spec: context.Catalog.Registry.Get(s.Id), Summary: s))
                .Where(c => parseResult.GetValue(everything) || c.Spec.Directory.StartsWith(shipped, StringComparison.Ordinal))]);
            if (parseResult.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path, page, ct);
            }
            else
            {
                Console.Write(page);
            }

            return 0;
        }, cancellationToken));
        return new Command("competitions", "Browse the competition catalog.") { list, catalog };
    }
}
