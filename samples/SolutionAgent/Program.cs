using System.Globalization;
using System.Text.Json;
using MleDojo.Samples.SolutionAgent;
using ModelContextProtocol.Client;

// SolutionAgent: plays competitions with their shipped solution scripts over MCP, labelled for reports. No LLM.
var options = SolutionOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(SolutionOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var environment = new Dictionary<string, string?>();
if (options.Home is not null)
{
    environment["MLEDOJO_HOME"] = options.Home;
}

try
{
    return await PlayAllAsync(options, environment, cancel.Token);
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    // The server could not be started or reached, or died: say so instead of aborting with a stack dump.
    Console.Error.WriteLine($"error: {ex.GetType().Name}: {ex.Message}");
    return 1;
}

static async Task<int> PlayAllAsync(SolutionOptions options, Dictionary<string, string?> environment, CancellationToken cancellationToken)
{
    await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
    {
        Name = "mledojo",
        Command = options.Server,
        Arguments = ["serve", .. options.ServeArguments],
        EnvironmentVariables = environment,
    }), new McpClientOptions { ClientInfo = new() { Name = "solution-agent", Version = "1.0" } }, cancellationToken: cancellationToken);

    var tools = new ToolCaller(client);
    var competitions = await tools.ResolveAsync(options.Competitions, cancellationToken);
    var failures = 0;
    foreach (var competition in competitions)
    {
        foreach (var seed in options.Seeds)
        {
            try
            {
                var line = await new SolutionEpisode(tools, options, competition, seed).PlayAsync(cancellationToken);
                Console.WriteLine(line);
            }
            catch (ToolFailure failure)
            {
                failures++;
                Console.Error.WriteLine($"{competition} seed {seed.ToString(CultureInfo.InvariantCulture)}: {failure.Message}");
            }
        }
    }

    return failures == 0 ? 0 : 1;
}

namespace MleDojo.Samples.SolutionAgent
{
    /// <summary>A tool call that failed; the episode is abandoned, the others go on.</summary>
    internal sealed class ToolFailure(string message) : Exception(message);

    /// <summary>Calls the server's tools and returns their structured content.</summary>
    internal sealed class ToolCaller(McpClient client)
    {
        public async Task<JsonElement> CallAsync(string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
        {
            var result = await client.CallToolAsync(tool, arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
            var text = string.Join(" ", result.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(t => t.Text));
            if (result.IsError == true || result.StructuredContent is not { ValueKind: JsonValueKind.Object } content)
            {
                throw new ToolFailure($"{tool} failed: {text}");
            }

            return content;
        }

        /// <summary>Competition ids from ids or tags, in the catalog's order.</summary>
        public async Task<IReadOnlyList<string>> ResolveAsync(IReadOnlyList<string> idsOrTags, CancellationToken cancellationToken)
        {
            var catalog = await CallAsync("list_competitions", [], cancellationToken).ConfigureAwait(false);
            var all = catalog.GetProperty("competitions").EnumerateArray()
                .Select(c => (Id: c.GetProperty("id").GetString()!, Tags: c.TryGetProperty("tags", out var t) ? t.EnumerateArray().Select(x => x.GetString()).ToList() : []))
                .ToList();
            var chosen = all.Where(c => idsOrTags.Contains(c.Id) || c.Tags.Any(t => idsOrTags.Contains(t))).Select(c => c.Id).ToList();
            return chosen.Count > 0 ? chosen : throw new ToolFailure($"no competition has the id or tag {string.Join(", ", idsOrTags)}");
        }
    }
}
