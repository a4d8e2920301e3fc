using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MleDojo.Core;
using MleDojo.Core.Competitions;
using MleDojo.Core.Grading;
using MleDojo.Core.Importing;
using MleDojo.Sandbox.Isolated;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MleDojo.Server.Cli;

/// <summary>
/// <c>mledojo import mle-bench|mle-dojo &lt;competition dir&gt; --data &lt;Kaggle zip or dir&gt;</c>: turns a competition
/// folder of MLE-bench or MLE-Dojo plus the user's Kaggle download into one of ours, prepares it, and checks that its
/// sample submission grades. prepare.py and the folder's own grader run with the configured interpreter and isolation
/// policy (<c>MleDojo:Sandbox:Python</c>, <c>MleDojo:Sandbox:AllowUnisolated</c>, or the flags).
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var command = new Command("import", "Import an MLE-bench or MLE-Dojo competition folder with your Kaggle download (see docs/importing.md).");
        command.Subcommands.Add(Format(ImportedSpec.MleBench, "an MLE-bench folder (mlebench/competitions/<id>: config.yaml, description.md, prepare.py, grade.py, leaderboard.csv)"));
        command.Subcommands.Add(Format(ImportedSpec.MleDojo, "an MLE-Dojo folder (mledojo/competitions/<id>: info/description.txt, info/*_leaderboard.csv, utils/prepare.py, utils/metric.py)"));
        return command;
    }

    private static Command Format(string format, string what)
    {
        var directory = new Argument<string>("competition-dir") { Description = "The competition folder." };
        var data = new Option<string>("--data") { Description = "The Kaggle download: the .zip, or the directory it was extracted to (prepare.py's raw).", Required = true };
        var into = new Option<string?>("--into") { Description = "Directory to write the competition folder into (default: $MLEDOJO_HOME/competitions, which the server loads by default)." };
        var id = new Option<string?>("--id") { Description = "Our id for it (default: the source id, lower-cased)." };
        var force = new Option<bool>("--force") { Description = "Replace an earlier import with the same id." };
        var ownGrader = new Option<bool>("--own-grader") { Description = "Grade with the folder's own grade.py / metric.py even where the table maps a library metric." };
        var higher = new Option<bool>("--higher-is-better") { Description = "Direction of the folder's own grader, when neither its code nor its leaderboard tells." };
        var lower = new Option<bool>("--lower-is-better") { Description = "The opposite direction." };
        var category = new Option<string?>("--category") { Description = "tabular, nlp, cv or time-series (default: from the table, else tabular)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the Public/Private partition of the answer rows.", DefaultValueFactory = _ => 20261126UL };
        var publicFraction = new Option<double>("--public-fraction") { Description = "Share of answer rows scored on the public leaderboard.", DefaultValueFactory = _ => 0.3 };
        var timeout = new Option<int>("--timeout") { Description = "Seconds prepare.py may run.", DefaultValueFactory = _ => 3600 };
        var memory = new Option<int>("--memory-mb") { Description = "Memory limit of prepare.py in MB.", DefaultValueFactory = _ => 8192 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command(format, $"Import {what}.")
        {
            directory, data, into, id, force, ownGrader, higher, lower, category, seed, publicFraction, timeout, memory, json,
        };
        foreach (var option in SandboxFlags.Python("Run prepare.py even where bubblewrap cannot isolate it (no network and filesystem isolation)."))
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(parseResult, async (host, ct) =>
        {
            if (parseResult.GetValue(higher) && parseResult.GetValue(lower))
            {
                Console.Error.WriteLine("error: pass --higher-is-better or --lower-is-better, not both");
                return 1;
            }

            var dataRoot = host.Services.GetRequiredService<DataRoot>();
            var loggers = host.Services.GetRequiredService<ILoggerFactory>();
            var configured = host.Services.GetRequiredService<IOptions<IsolatedPythonOptions>>().Value;
            var intoDirectory = Path.GetFullPath(parseResult.GetValue(into) ?? dataRoot.Competitions);
            var python = await IsolatedPython.CreateAsync(
                new IsolatedPythonOptions
                {
                    PythonPath = configured.PythonPath,
                    AllowUnisolated = configured.AllowUnisolated,
                    Cpus = configured.Cpus,
                    MemoryBytes = parseResult.GetValue(memory) * (1L << 20),
                },
                loggers,
                ct);
            if (!python.Isolation.IsFull)
            {
                Console.Error.WriteLine($"warning: prepare.py and grading run with weaker isolation: {python.Isolation.Description}");
            }

            var importer = new CompetitionImporter(new PrepareScriptRunner(python));
            var result = await importer.ImportAsync(
                new ImportRequest
                {
                    Format = format,
                    SourceDirectory = parseResult.GetValue(directory)!,
                    DataPath = parseResult.GetValue(data)!,
                    IntoDirectory = intoDirectory,
                    WorkDirectory = Path.Combine(dataRoot.Scratch, "imports"),
                    Id = parseResult.GetValue(id),
                    Force = parseResult.GetValue(force),
                    UseOwnGrader = parseResult.GetValue(ownGrader),
                    HigherIsBetter = parseResult.GetValue(higher) ? true : parseResult.GetValue(lower) ? false : null,
                    Category = parseResult.GetValue(category),
                    Seed = parseResult.GetValue(seed),
                    PublicFraction = parseResult.GetValue(publicFraction),
                    PrepareTimeout = TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
                },
                ct);

            // Prove the import: prepare it as a session would, and grade its own sample submission.
            var spec = CompetitionSpecLoader.Load(result.Directory);
            var prepared = await new CompetitionPreparer(dataRoot).PrepareAsync(spec, force: true, ct);
            var external = spec.Imported?.GraderScript is null
                ? null
                : new ExternalGraderProcess(python, Path.Combine(dataRoot.Scratch, "grading"), ExternalGraderProcess.DefaultTimeout, loggers.CreateLogger<ExternalGraderProcess>());
            var sample = await new Grader(external).GradeAsync(prepared, prepared.SampleSubmissionPath, ct);
            Print(result, prepared, sample, intoDirectory == dataRoot.Competitions, parseResult.GetValue(json));
            return 0;
        }, cancellationToken, ImportFlags.Describe));
        return command;
    }

    private static void Print(ImportResult result, PreparedCompetition prepared, GradeReport sample, bool defaultDirectory, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { result, manifest = prepared.Manifest, sample_submission = sample }, JsonOutput.Options));
            return;
        }

        static string F(double? v) => v?.ToString("G6", CultureInfo.InvariantCulture) ?? "-";
        var m = prepared.Manifest;
        Console.WriteLine($"imported        {result.Id} -> {result.Directory}");
        Console.WriteLine($"split           {result.Split}");
        Console.WriteLine($"rows            train {result.TrainRows}, test {result.TestRows} ({m.PublicRows} public / {m.PrivateRows} private, seeded)");
        Console.WriteLine($"grading         {result.Grading}; {prepared.Spec.Metric.Name}, {(prepared.Spec.Metric.HigherIsBetter ? "higher" : "lower")} is better");
        Console.WriteLine($"leaderboard     {(result.LeaderboardEntries is { } n ? $"{n} teams: position score and medals enabled" : "none")}");
        Console.WriteLine(sample.ValidSubmission && sample.GradingError is null
            ? $"sample check    sample_submission.csv scores public {F(sample.PublicScore)}, private {F(sample.PrivateScore)}{(sample.Medal is { } medal ? $", medal {medal}" : "")}"
            : $"sample check    sample_submission.csv did not grade: {sample.GradingError ?? string.Join("; ", sample.Errors.Select(e => e.Message))}");
        foreach (var warning in result.Warnings)
        {
            Console.WriteLine($"warning         {warning}");
        }

        Console.WriteLine(defaultDirectory
            ? $"next            mledojo serve (it loads $MLEDOJO_HOME/competitions), then start_session {{\"competition_id\": \"{result.Id}\"}}"
            : $"next            mledojo serve --competitions {Path.GetDirectoryName(result.Directory)}, then start_session {{\"competition_id\": \"{result.Id}\"}}");
    }
}
