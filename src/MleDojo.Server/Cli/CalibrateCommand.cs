using System.CommandLine;
using System.Globalization;
using MleDojo.Core.Sessions;
using MleDojo.Server.Hosting;

namespace MleDojo.Server.Cli;

/// <summary>
/// <c>mledojo calibrate &lt;id&gt;... | --all</c>: plays each competition's shipped baseline and reference
/// solutions through a real episode (sandbox, execute, submit) and prints their private scores, the numbers
/// recorded under <c>scores:</c> in competition.yaml.
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create()
    {
        var ids = new Argument<string[]>("id") { Description = "Competition ids.", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Every competition with shipped solutions." };
        var command = new Command("calibrate", "Run each competition's baseline and reference solutions in the sandbox and print their private scores.") { ids, all };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new MleDojoOptions { Home = parseResult.GetValue(CommandLine.HomeOption), Competitions = [.. parseResult.GetValue(CommandLine.CompetitionsOption) ?? []] };
            await using var services = await DojoServices.CreateAsync(options, cancellationToken);
            await using var sessions = services.CreateSessionManager(new SessionOptions());
            var wanted = parseResult.GetValue(all)
                ? services.Catalog.Registry.All.Select(c => c.Id).ToArray()
                : parseResult.GetValue(ids) ?? [];
            var exit = 0;
            foreach (var id in wanted)
            {
                var spec = services.Catalog.Registry.Get(id);
                foreach (var solution in new[] { "baseline", "reference" })
                {
                    var path = Path.Combine(spec.Directory, "solutions", solution + ".py");
                    if (!File.Exists(path))
                    {
                        continue;
                    }

                    var started = await sessions.StartAsync(id, cancellationToken: cancellationToken);
                    var run = await sessions.ExecuteAsync(started.SessionId, await File.ReadAllTextAsync(path, cancellationToken), TimeSpan.FromMinutes(10), cancellationToken: cancellationToken);
                    if (run.Submission is not { Valid: true })
                    {
                        Console.Error.WriteLine($"{id} {solution}: no valid submission ({run.Status}): {run.Stderr}");
                        await sessions.EndAsync(started.SessionId, cancellationToken);
                        exit = 1;
                        continue;
                    }

                    var submitted = await sessions.SubmitAsync(started.SessionId, cancellationToken: cancellationToken);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{id,-20} {solution,-10} private {submitted.PrivateScore,10:G6}  public {submitted.PublicScore,10:G6}  run {run.DurationSeconds,6:F1}s"));
                }
            }

            return exit;
        });
        return command;
    }
}
