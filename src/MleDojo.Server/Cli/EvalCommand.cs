using System.CommandLine;
using System.Text.Json;
using MleDojo.Agents;
using MleDojo.Server.Experiments;
using MleDojo.Server.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;

namespace MleDojo.Server.Cli;

/// <summary>
/// <c>mledojo eval --config experiment.yaml [--parallel N] [--resume] [--json]</c>: plays the grid agents ×
/// competitions × seeds against one child server (as <c>agent run</c> does), records every finished cell under
/// <c>$MLEDOJO_HOME/experiments/&lt;id&gt;/</c> and prints a summary. Exit code 0 when every cell ran, 1 when a cell
/// failed with an error, 2 for a wrong command line or experiment file, 130 when cancelled.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "The experiment file (YAML): id, agents, competitions, seeds.", Required = true };
        var parallel = new Option<int>("--parallel") { Description = "Episodes played at once.", DefaultValueFactory = _ => 1 };
        var resume = new Option<bool>("--resume") { Description = "Skip the cells recorded already and play the rest." };
        var json = new Option<bool>("--json") { Description = "Print the cells as a JSON array instead of the summary table." };
        var command = new Command("eval", "Run an experiment: every agent on every competition with every seed.") { config, parallel, resume, json };
        command.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(parseResult, async (host, ct) =>
        {
            var file = parseResult.GetValue(config)!;
            if (!file.Exists)
            {
                return Usage($"--config: {file.FullName} does not exist");
            }

            if (parseResult.GetValue(parallel) is < 1 or > 64)
            {
                return Usage("--parallel: expected a whole number from 1 to 64");
            }

            var problems = new List<string>();
            var experiment = ExperimentConfigReader.Read(await File.ReadAllTextAsync(file.FullName, ct), problems);
            var context = host.Services.GetRequiredService<CatalogContext>();
            var competitions = experiment is null ? [] : Resolve(experiment, context, problems);
            var keys = experiment is null ? [] : Keys(experiment, problems);
            if (experiment is null || problems.Count > 0)
            {
                return Usage($"{file.Name} has {problems.Count} problem(s):{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", problems)}");
            }

            var store = new ExperimentStore(Path.Combine(context.DataRoot.Experiments, experiment.Id));
            var finished = store.Finished();
            if (finished.Count > 0 && !parseResult.GetValue(resume))
            {
                return Usage($"experiment '{experiment.Id}' has {finished.Count} finished cell(s) in {store.Directory}: pass --resume to play the rest, or use another id");
            }

            store.RemoveLeftovers();
            var grid = ExperimentCell.Grid(experiment, competitions);
            var asJson = parseResult.GetValue(json);
            EvalProgress progress = asJson || Console.IsOutputRedirected ? new PlainEvalProgress() : new LiveEvalProgress();
            progress.Plan(grid);
            foreach (var cell in grid.Where(c => finished.ContainsKey(c.Key)))
            {
                progress.Skipped(cell, finished[cell.Key]);
            }

            var agentSettings = host.Services.GetRequiredService<IOptions<AgentsOptions>>().Value;
            foreach (var agent in experiment.Agents)
            {
                if (agentSettings.Apply(agent.Model, new AgentOptions { Temperature = agent.Temperature }) is { } overridden)
                {
                    Console.Error.WriteLine($"warning: {agent.Name}: {overridden}");
                }
            }

            var models = experiment.Agents.ToDictionary(
                a => a.Name,
                a => OpenAICompatibleChatClient.Create(a.Endpoint, a.Model, keys[a.Name] is { Length: > 0 } key ? key : "unused"));
            var interrupted = false;
            await using (var server = await McpClient.CreateAsync(ChildServer.Transport(parseResult, context.DataRoot.Path), cancellationToken: ct))
            {
                var runner = new ExperimentRunner(experiment, server, models, store, context.DataRoot.Transcripts, progress, agentSettings);
                try
                {
                    await progress.RunAsync(() => runner.RunAsync([.. grid.Where(c => !finished.ContainsKey(c.Key))], parseResult.GetValue(parallel), ct));
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    interrupted = true;
                }
            }

            var records = store.Finished();
            var cells = grid.Select(c => records.GetValueOrDefault(c.Key)).OfType<CellRecord>().ToList();
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(cells, JsonOutput.Options));
            }
            else
            {
                Console.WriteLine(TextTable.Render(["agent", "competition", "private score", "graded"], ExperimentSummary.Rows(cells, [.. experiment.Agents.Select(a => a.Name)], competitions)));
            }

            if (interrupted)
            {
                Console.Error.WriteLine($"cancelled: {cells.Count} of {grid.Count} cells recorded in {store.Directory}; run again with --resume to play the rest");
                return 130;
            }

            foreach (var failed in cells.Where(c => c.Error is not null))
            {
                Console.Error.WriteLine($"error: {failed.Cell}: {failed.Error}");
            }

            return cells.Any(c => c.Error is not null) ? 1 : 0;
        }, cancellationToken));
        return command;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 2;
    }

    /// <summary>Competition ids as written, and tags (e.g. <c>lite</c>) resolved through the catalog; each id once.</summary>
    private static List<string> Resolve(ExperimentConfig experiment, CatalogContext context, List<string> problems)
    {
        var registry = context.Catalog.Registry;
        var ids = new List<string>();
        for (var i = 0; i < experiment.Competitions.Count; i++)
        {
            var entry = experiment.Competitions[i];
            IEnumerable<string> found = registry.All.Any(c => c.Id == entry) ? [entry] : registry.Filter(entry).Select(c => c.Id);
            if (!found.Any())
            {
                problems.Add($"competitions[{i}]: '{entry}' is neither a competition id nor a tag (see `mledojo competitions list`)");
            }

            ids.AddRange(found.Where(id => !ids.Contains(id)));
        }

        return ids;
    }

    /// <summary>Each agent's API key from its variable; a remote endpoint needs one.</summary>
    private static Dictionary<string, string?> Keys(ExperimentConfig experiment, List<string> problems)
    {
        var keys = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < experiment.Agents.Count; i++)
        {
            var agent = experiment.Agents[i];
            var key = Environment.GetEnvironmentVariable(agent.ApiKeyEnv);
            if (string.IsNullOrEmpty(key) && !agent.Endpoint.IsLoopback)
            {
                problems.Add($"agents[{i}].api_key_env: ${agent.ApiKeyEnv} is not set; export the API key there");
            }

            keys[agent.Name] = key;
        }

        return keys;
    }
}
