using System.CommandLine;
using System.Globalization;
using MleDojo.Core.Competitions;
using MleDojo.Core.Serialization;
using MleDojo.Core.Sessions;
using MleDojo.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MleDojo.Server.Cli;

/// <summary>
/// <c>mledojo calibrate &lt;id&gt;... | --tag T | --all [--check]</c>: plays each competition's shipped baseline and
/// reference solutions through a real episode (sandbox, execute, submit) and prints their private scores, the
/// numbers recorded under <c>scores:</c> in competition.yaml. With <c>--check</c> it fails unless they reproduce.
/// The sandbox and the budget ceilings are the configured ones, as for <c>serve</c>.
/// </summary>
internal static class CalibrateCommand
{
    private static readonly string[] Solutions = ["baseline", "reference"];

    public static Command Create()
    {
        var ids = new Argument<string[]>("id") { Description = "Competition ids.", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Every competition with shipped solutions." };
        var tag = new Option<string[]>("--tag") { Description = "Every competition with this tag or category (e.g. lite); repeat to require several." };
        var check = new Option<bool>("--check") { Description = "Compare with the scores recorded in competition.yaml; exit 1 if any differs." };
        var tolerance = new Option<double>("--tolerance")
        {
            Description = "Relative difference accepted by --check (recorded scores carry 6 significant digits).",
            DefaultValueFactory = _ => 1e-5,
        };
        var command = new Command("calibrate", "Run each competition's baseline and reference solutions in the sandbox and print their private scores.")
        {
            ids, all, tag, check, tolerance,
        };
        foreach (var option in SandboxFlags.Backend())
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(parseResult, new DojoHostSettings(), WaitForWarmTemplates, async (host, ct) =>
        {
            await host.Services.GetRequiredService<DojoServices>().StartAsync(ct);

            // The host owns the session manager and disposes it before the sandbox backend.
            var sessions = host.Services.GetRequiredService<SessionManager>();
            var registry = host.Services.GetRequiredService<CompetitionCatalog>().Registry;
            IReadOnlyList<CompetitionSpec> wanted = parseResult.GetValue(all) ? registry.All
                : parseResult.GetValue(tag) is { Length: > 0 } t ? registry.Filter(t)
                : [.. (parseResult.GetValue(ids) ?? []).Select(registry.Get)];
            if (wanted.Count == 0)
            {
                Console.Error.WriteLine("error: name competition ids, --tag T or --all");
                return 2;
            }

            var failures = 0;
            foreach (var spec in wanted)
            {
                foreach (var solution in Solutions)
                {
                    var score = await PlayAsync(sessions, spec, solution, ct);
                    if (score is null)
                    {
                        failures++;
                        continue;
                    }

                    if (parseResult.GetValue(check) && !Reproduces(spec, solution, score.Value, parseResult.GetValue(tolerance)))
                    {
                        failures++;
                    }
                }
            }

            if (parseResult.GetValue(check))
            {
                Console.WriteLine(failures == 0 ? $"check: all {wanted.Count} competitions reproduce their recorded scores" : $"check: {failures} problem(s)");
            }

            return failures == 0 ? 0 : 1;
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// Calibration checks the path agents get once a session is warm, so each solution's run waits for its session's
    /// template instead of going cold while it imports (unless the operator set the wait, or turned warm runs off).
    /// </summary>
    private static void WaitForWarmTemplates(HostApplicationBuilder builder)
    {
        // The Slurm backend takes the local one's options for its steps, this one included.
        foreach (var key in new[] { "MleDojo:Sandbox:Local:WarmStartWait", "MleDojo:Sandbox:Docker:WarmStartWait" })
        {
            if (builder.Configuration[key] is null)
            {
                builder.Configuration.AddInMemoryCollection([new(key, "00:05:00")]);
            }
        }
    }

    private static async Task<double?> PlayAsync(SessionManager sessions, CompetitionSpec spec, string solution, CancellationToken cancellationToken)
    {
        var path = Path.Combine(spec.Directory, "solutions", solution + ".py");
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"{spec.Id} {solution}: solutions/{solution}.py not found");
            return null;
        }

        var started = await sessions.StartAsync(spec.Id, cancellationToken: cancellationToken);
        var run = await sessions.ExecuteAsync(started.SessionId, await File.ReadAllTextAsync(path, cancellationToken), TimeSpan.FromMinutes(10), cancellationToken: cancellationToken);
        if (run.Submission is not { Valid: true })
        {
            Console.Error.WriteLine($"{spec.Id} {solution}: no valid submission ({DojoJson.WireName(run.Status)}): {run.Stderr}");
            await sessions.EndAsync(started.SessionId, cancellationToken);
            return null;
        }

        var submitted = await sessions.SubmitAsync(started.SessionId, cancellationToken: cancellationToken);

        // Ending releases the session's sandbox and warm template, so a long calibration never reaches the template cap.
        await sessions.EndAsync(started.SessionId, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{spec.Id,-24} {solution,-10} private {submitted.PrivateScore,10:G6}  public {submitted.PublicScore,10:G6}  run {run.DurationSeconds,6:F1}s {run.Interpreter ?? "-"}"));
        return submitted.PrivateScore;
    }

    private static bool Reproduces(CompetitionSpec spec, string solution, double score, double tolerance)
    {
        if (spec.Scores is not { } recorded)
        {
            Console.Error.WriteLine($"{spec.Id} {solution}: no scores recorded in competition.yaml");
            return false;
        }

        var expected = solution == "baseline" ? recorded.Baseline : recorded.Reference;
        if (Math.Abs(score - expected) <= tolerance * Math.Max(1e-12, Math.Abs(expected)))
        {
            return true;
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{spec.Id} {solution}: scored {score:G9} but competition.yaml records {expected:G9}; rerun `mledojo calibrate {spec.Id}` and record the new score if the change is intended"));
        return false;
    }
}
