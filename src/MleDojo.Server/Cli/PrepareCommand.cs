using System.CommandLine;
using MleDojo.Core.Competitions;
using MleDojo.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MleDojo.Server.Cli;

/// <summary><c>mledojo prepare &lt;id&gt;... [--all] [--force] [--verify]</c>.</summary>
internal static class PrepareCommand
{
    public static Command Create()
    {
        var ids = new Argument<string[]>("id") { Description = "Competition ids to prepare.", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Prepare every competition in the catalog." };
        var force = new Option<bool>("--force") { Description = "Prepare again even when the cache is current." };
        var command = new Command("prepare", "Prepare competitions: seeded split, fresh ids, answers kept private, SHA-256 of every file.") { ids, all, force };
        command.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(parseResult, async (host, ct) =>
        {
            var context = host.Services.GetRequiredService<CatalogContext>();
            var wanted = parseResult.GetValue(all)
                ? context.Catalog.Registry.All.Select(c => c.Id).ToArray()
                : parseResult.GetValue(ids) ?? [];
            if (wanted.Length == 0)
            {
                Console.Error.WriteLine("error: name at least one competition id, or pass --all. See: mledojo competitions list");
                return 1;
            }

            foreach (var id in wanted)
            {
                var started = DateTime.UtcNow;
                var prepared = await context.Preparer.PrepareAsync(context.Catalog.Registry.Get(id), parseResult.GetValue(force), ct);
                var bad = await CompetitionPreparer.VerifyAsync(prepared, ct);
                var m = prepared.Manifest;
                Console.WriteLine($"{id}: train {m.TrainRows} rows, test {m.TestRows} rows ({m.PublicRows} public / {m.PrivateRows} private), {m.DroppedRows} dropped for a missing target, {(DateTime.UtcNow - started).TotalSeconds:F2} s");
                Console.WriteLine($"  input sha256 {m.InputSha256}");
                foreach (var (file, sha) in m.Files)
                {
                    Console.WriteLine($"  {sha}  {file}");
                }

                if (bad.Count > 0)
                {
                    Console.Error.WriteLine($"error: {id}: files changed since preparation: {string.Join(", ", bad)}; run with --force");
                    return 1;
                }
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
