using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MleDojo.Agents;
using MleDojo.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;

namespace MleDojo.Server.Cli;

/// <summary>
/// <c>mledojo agent run --competition ID --model M [--endpoint URL] [--api-key-env VAR] ...</c>: an LLM agent plays
/// one episode against this server, started as a child over stdio on the same data root, exactly as an outside agent
/// would reach it. Prints the score card (or one JSON object with <c>--json</c>). Exit code 0 for a graded episode,
/// 1 when the episode ended without a graded submission or the agent failed, 2 for a wrong command line.
/// </summary>
internal static class AgentCommand
{
    private const string DefaultEndpoint = "https://api.openai.com/v1";

    public static Command Create()
    {
        var command = new Command("agent", "LLM agents that play the environment over MCP.");
        command.Subcommands.Add(Run());
        return command;
    }

    private static Command Run()
    {
        var competition = new Option<string>("--competition") { Description = "Competition id.", Required = true };
        var model = new Option<string>("--model") { Description = "The model id, e.g. gpt-4.1 or llama3.1:8b.", Required = true };
        var endpoint = new Option<string?>("--endpoint") { Description = $"An OpenAI-compatible API base (OpenAI, Azure OpenAI v1, vLLM, Ollama's /v1, LM Studio). Default: $OPENAI_BASE_URL, else {DefaultEndpoint}." };
        var apiKeyEnv = new Option<string>("--api-key-env") { Description = "The environment variable holding the API key.", DefaultValueFactory = _ => "OPENAI_API_KEY" };
        var agentName = new Option<string?>("--agent-name") { Description = "The agent label of the session (default: the model id)." };
        var experiment = new Option<string?>("--experiment") { Description = "The experiment label of the session." };
        var seed = new Option<long?>("--seed") { Description = "The seed label of the session." };
        var maxTurns = new Option<int>("--max-turns") { Description = "Model calls the agent may make.", DefaultValueFactory = _ => new AgentOptions().MaxTurns };
        var maxTokens = new Option<long?>("--max-tokens") { Description = "Tokens (in and out) the agent may spend (default: no limit)." };
        var maxContext = new Option<int>("--max-context-tokens") { Description = "The largest request sent to the model; older tool results are folded to fit.", DefaultValueFactory = _ => new AgentOptions().MaxContextTokens };
        var temperature = new Option<float?>("--temperature") { Description = "Temperature to send (default: none; some models reject it)." };
        var transcript = new Option<string?>("--transcript") { Description = "Write the whole conversation to this JSON file." };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object." };
        var command = new Command("run", "Play one episode with an LLM agent and print its score card.")
        {
            competition, model, endpoint, apiKeyEnv, agentName, experiment, seed, maxTurns, maxTokens, maxContext, temperature, transcript, json,
        };
        command.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(parseResult, async (host, ct) =>
        {
            var options = new AgentOptions
            {
                CompetitionId = parseResult.GetValue(competition)!,
                AgentName = parseResult.GetValue(agentName),
                Experiment = parseResult.GetValue(experiment),
                Seed = parseResult.GetValue(seed),
                MaxTurns = parseResult.GetValue(maxTurns),
                MaxTokens = parseResult.GetValue(maxTokens),
                MaxContextTokens = parseResult.GetValue(maxContext),
                Temperature = parseResult.GetValue(temperature),
            };
            if (host.Services.GetRequiredService<IOptions<AgentsOptions>>().Value.Apply(parseResult.GetValue(model)!, options) is { } overridden)
            {
                Console.Error.WriteLine($"warning: {overridden}");
            }

            var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
            if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), problems, validateAllProperties: true))
            {
                Console.Error.WriteLine($"error: {string.Join("; ", problems.Select(p => p.ErrorMessage))}");
                return 2;
            }

            var baseUrl = parseResult.GetValue(endpoint) ?? Environment.GetEnvironmentVariable("OPENAI_BASE_URL") ?? DefaultEndpoint;
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            {
                Console.Error.WriteLine($"error: --endpoint '{baseUrl}' is not an http(s) URL, e.g. http://localhost:11434/v1");
                return 2;
            }

            var keyVariable = parseResult.GetValue(apiKeyEnv)!;
            var key = Environment.GetEnvironmentVariable(keyVariable);
            if (string.IsNullOrEmpty(key) && !baseUri.IsLoopback)
            {
                Console.Error.WriteLine($"error: ${keyVariable} is not set. Export the API key there, or name another variable with --api-key-env.");
                return 2;
            }

            var dataRoot = host.Services.GetRequiredService<CatalogContext>().DataRoot;
            await using var server = await McpClient.CreateAsync(ChildServer.Transport(parseResult, dataRoot.Path), cancellationToken: ct);
            var chat = OpenAICompatibleChatClient.Create(baseUri, parseResult.GetValue(model)!, string.IsNullOrEmpty(key) ? "unused" : key);
            var result = await new EpisodeAgent().PlayAsync(server, chat, options, ct);

            // Kept beside the record, so `mledojo export --format chat` joins the model's own words in.
            Directory.CreateDirectory(dataRoot.Transcripts);
            foreach (var path in new[] { Path.Combine(dataRoot.Transcripts, $"{result.SessionId}.json"), parseResult.GetValue(transcript) }.OfType<string>())
            {
                await using var file = File.Create(path);
                await result.Transcript.WriteAsync(file, ct);
            }

            if (parseResult.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(result, JsonOutput.Options));
            }
            else
            {
                await PrintAsync(server, result, ct);
            }

            if (result.Error is not null)
            {
                Console.Error.WriteLine($"error: {result.Error}");
            }

            return result.Error is null && result.PrivateScore is not null ? 0 : 1;
        }, cancellationToken));
        return command;
    }

    private static async Task PrintAsync(McpClient server, AgentEpisodeResult result, CancellationToken cancellationToken)
    {
        static string F(double? value) => value?.ToString("G4", CultureInfo.InvariantCulture) ?? "-";
        var history = await server.CallToolAsync("get_history", new Dictionary<string, object?> { ["session_id"] = result.SessionId }, cancellationToken: cancellationToken);
        Console.WriteLine($"{result.Agent} on {result.CompetitionId} (session {result.SessionId})");
        if (history.StructuredContent is { } h)
        {
            foreach (var step in h.GetProperty("steps").EnumerateArray().Where(s => s.TryGetProperty("step", out var n) && n.ValueKind == JsonValueKind.Number))
            {
                var score = step.TryGetProperty("public_score", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : (double?)null;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  step {step.GetProperty("step").GetInt32(),3}  {step.GetProperty("action").GetString(),-14} {step.GetProperty("status").GetString(),-22} public {F(score)}"));
            }
        }

        Console.WriteLine($"episode         {result.State} ({result.StoppedBecause}), {result.Steps} steps, {result.Turns} model calls");
        Console.WriteLine($"private score   {F(result.PrivateScore)} (public {F(result.PublicScore)}, best public {F(result.BestPublicScore)})");
        Console.WriteLine($"normalised      {F(result.NormalizedScore)}{(result.Medal is { } medal ? $", medal {medal}" : "")}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tokens          {result.TokensIn:N0} in, {result.TokensOut:N0} out{(result.Cost is { } cost ? $", cost {cost:0.####}" : "")}"));
    }
}
