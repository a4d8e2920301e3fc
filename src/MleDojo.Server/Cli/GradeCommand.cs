using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MleDojo.Core.Grading;
using MleDojo.Sandbox.Isolated;
using MleDojo.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MleDojo.Server.Cli;

/// <summary>
/// <c>mledojo grade --competition ID --submission FILE [--json]</c>: exit 0 with scores, 2 with the list of errors. An
/// imported competition graded by its own code runs it with the configured interpreter and isolation policy.
/// </summary>
internal static class GradeCommand
{
    public static Command Create()
    {
        var competition = new Option<string>("--competition") { Description = "Competition id.", Required = true };
        var submission = new Option<string>("--submission") { Description = "Path of the submission CSV.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var command = new Command("grade", "Validate and score a submission: public and private score, leaderboard position and medal, normalised score.") { competition, submission, json };
        foreach (var option in SandboxFlags.Python("Run an imported competition's own grader even where bubblewrap cannot isolate it."))
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(parseResult, async (host, ct) =>
        {
            var context = host.Services.GetRequiredService<CatalogContext>();
            var spec = context.Catalog.Registry.Get(parseResult.GetValue(competition)!);
            var prepared = await context.Preparer.PrepareAsync(spec, cancellationToken: ct);
            var external = await ExternalGraders.CreateIfNeededAsync(
                [spec],
                context.DataRoot,
                host.Services.GetRequiredService<IOptions<IsolatedPythonOptions>>().Value,
                host.Services.GetRequiredService<ILoggerFactory>(),
                ct);
            var report = await new Grader(external).GradeAsync(prepared, parseResult.GetValue(submission)!, ct);

            if (parseResult.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report, JsonOutput.Options));
            }
            else
            {
                Print(report);
            }

            return report.ValidSubmission && report.GradingError is null ? 0 : 2;
        }, cancellationToken));
        return command;
    }

    private static void Print(GradeReport r)
    {
        static string F(double? v) => v?.ToString("G6", CultureInfo.InvariantCulture) ?? "-";
        Console.WriteLine($"competition     {r.CompetitionId} ({r.Metric}, {(r.IsLowerBetter ? "lower" : "higher")} is better)");
        if (!r.ValidSubmission)
        {
            Console.WriteLine($"submission      INVALID ({r.Errors.Count} problem{(r.Errors.Count == 1 ? "" : "s")})");
            foreach (var e in r.Errors)
            {
                Console.WriteLine($"  [{e.Code}] {e.Message}");
                Console.WriteLine($"      hint: {e.Hint}");
            }

            return;
        }

        if (r.GradingError is not null)
        {
            Console.WriteLine($"grading error   {r.GradingError}");
            return;
        }

        Console.WriteLine($"public score    {F(r.PublicScore)}");
        Console.WriteLine($"private score   {F(r.PrivateScore)}");
        if (r.NormalizedScore is not null)
        {
            Console.WriteLine($"normalised      {F(r.NormalizedScore)} (baseline {F(r.BaselineScore)} = 0, reference {F(r.ReferenceScore)} = 1)");
        }

        if (r.PositionScore is not null)
        {
            Console.WriteLine($"position score  {F(r.PositionScore)} of {r.LeaderboardEntries} teams");
            Console.WriteLine($"medal           {r.Medal} (gold {F(r.GoldThreshold)}, silver {F(r.SilverThreshold)}, bronze {F(r.BronzeThreshold)}, median {F(r.MedianThreshold)}; above median: {(r.AboveMedian == true ? "yes" : "no")})");
        }
    }
}
