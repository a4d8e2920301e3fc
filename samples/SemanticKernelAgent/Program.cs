// SemanticKernelAgent: one MleDojo episode played by a model through Semantic Kernel. The server's MCP tools become
// kernel functions; the OpenAI connector talks to any OpenAI-compatible endpoint (OpenAI, Azure OpenAI v1, Ollama, ...).
using System.Globalization;
using System.Text.Json;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

const string usage = """
    usage: SemanticKernelAgent --model <id> [--endpoint <url>] [--api-key-env <VAR>] [--competition <id>]
                               [--max-turns <n>] [--server <path to mledojo>] [-- serve flags...]

      --model <id>          the model, e.g. gpt-4.1 or qwen3:8b (required)
      --endpoint <url>      an OpenAI-compatible endpoint (default https://api.openai.com/v1)
      --api-key-env <VAR>   the environment variable holding the API key (default OPENAI_API_KEY)
      --competition <id>    the competition to play (default titanic)
      --max-turns <n>       at most this many model calls (default 30)
      --server <path>       the mledojo executable (default: src/MleDojo.Server/bin/Release/net10.0/mledojo in the repo)
      -- serve flags        passed to `mledojo serve`, e.g. -- --sandbox local
    """;

// ---- Command line ----
string? model = null, server = null;
string endpoint = "https://api.openai.com/v1", apiKeyEnv = "OPENAI_API_KEY", competition = "titanic";
var maxTurns = 30;
List<string> serveArgs = ["serve"];
for (var i = 0; i < args.Length; i++)
{
    var flag = args[i];
    if (flag is "-h" or "--help")
    {
        Console.WriteLine(usage);
        return 0;
    }

    if (flag == "--")
    {
        serveArgs.AddRange(args[(i + 1)..]);
        break;
    }

    if (i + 1 >= args.Length)
    {
        return Fail($"{flag} needs a value, or is not a flag of this sample.");
    }

    var value = args[++i];
    switch (flag)
    {
        case "--model": model = value; break;
        case "--endpoint": endpoint = value; break;
        case "--api-key-env": apiKeyEnv = value; break;
        case "--competition": competition = value; break;
        case "--server": server = value; break;
        case "--max-turns":
            if (!int.TryParse(value, CultureInfo.InvariantCulture, out maxTurns) || maxTurns < 1)
            {
                return Fail($"--max-turns must be a positive whole number, not '{value}'.");
            }

            break;
        default: return Fail($"unknown flag {flag}.");
    }
}

server ??= DefaultServer();
if (model is null)
{
    return Fail("--model is required.");
}

if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var endpointUri) || endpointUri.Scheme is not ("http" or "https"))
{
    return Fail($"--endpoint '{endpoint}' is not an http(s) URL, e.g. http://localhost:11434/v1.");
}

if (server is null || !File.Exists(server))
{
    return Fail($"cannot find the mledojo executable{(server is null ? "" : $" '{server}'")}: build the repo or pass --server <path>.");
}

if (Environment.GetEnvironmentVariable(apiKeyEnv) is not { Length: > 0 } apiKey)
{
    return Fail($"set {apiKeyEnv} to the API key (any non-empty value for a server that needs none, like Ollama).");
}

// ---- The server, over stdio ----
await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
{
    Name = "mledojo",
    Command = server,
    Arguments = serveArgs,
    ShutdownTimeout = TimeSpan.FromSeconds(10),
}));
var tools = await client.ListToolsAsync();
Console.WriteLine($"Server {client.ServerInfo?.Name} {client.ServerInfo?.Version}: {tools.Count} tools.");

// ---- The kernel: the model behind the OpenAI connector, the server's tools as the "mledojo" plugin ----
var builder = Kernel.CreateBuilder();
builder.AddOpenAIChatCompletion(model, endpoint: endpointUri, apiKey: apiKey);
var kernel = builder.Build();
// This program owns the session: the model gets every tool but the two that would start another one.
kernel.Plugins.AddFromFunctions("mledojo", tools
    .Where(t => t.Name is not ("start_session" or "reset"))
    .Select(t => t.AsKernelFunction()));
var chat = kernel.GetRequiredService<IChatCompletionService>();
// Auto: the model may call any kernel function. The loop below invokes the calls itself (autoInvoke: false), so that
// each iteration is one model call: --max-turns bounds them, and every call is printed as it happens.
var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false) };

// ---- The episode ----
var prompt = await client.GetPromptAsync("solve_competition", new Dictionary<string, object?> { ["competition_id"] = competition });
if (await CallToolAsync("start_session", new() { ["competition_id"] = competition, ["agent"] = $"semantic-kernel/{model}" }) is not { } started)
{
    return 1;
}

var sessionId = started.GetProperty("session_id").GetString()!;
Console.WriteLine($"Session {sessionId} on {competition}, model {model} at {endpoint}.");

var history = new ChatHistory(string.Join("\n", prompt.Messages.Select(m => m.Content).OfType<TextContentBlock>().Select(b => b.Text)));
history.AddUserMessage($"""
    start_session is done: your session_id is "{sessionId}". Pass it to every tool. What start_session returned:
    {started.GetRawText()}
    """);

try
{
    for (var turn = 1; ; turn++)
    {
        if (turn > maxTurns)
        {
            Console.WriteLine($"Stopping: {maxTurns} turns used (--max-turns).");
            break;
        }

        var reply = await chat.GetChatMessageContentAsync(history, settings, kernel);
        history.Add(reply);
        var calls = FunctionCallContent.GetFunctionCalls(reply).ToList();
        if (calls.Count == 0)
        {
            Console.WriteLine($"[{turn}] model: {Shorten(reply.Content)}");
            break;
        }

        foreach (var call in calls)
        {
            Console.WriteLine($"[{turn}] {call.FunctionName}({Shorten(string.Join(", ", call.Arguments?.Select(a => $"{a.Key}={a.Value}") ?? []))})");
            FunctionResultContent result;
            try
            {
                result = await call.InvokeAsync(kernel);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bad call (unknown function, arguments that do not parse) goes back to the model as its result.
                result = new FunctionResultContent(call, $"Error: {ex.Message}");
            }

            Console.WriteLine($"     -> {Shorten(Summary(result.Result))}");
            history.Add(result.ToChatMessage());
        }
    }
}
catch (HttpOperationException ex)
{
    Console.Error.WriteLine($"The model endpoint failed: {ex.Message}");
}

// ---- Always end the session: it grades the best submission when the model submitted none ----
var ended = await CallToolAsync("end_session", new() { ["session_id"] = sessionId });
if (ended is { } end && end.TryGetProperty("final", out var final)
    && final.TryGetProperty("private_score", out var score) && score.ValueKind == JsonValueKind.Number)
{
    Console.WriteLine($"Final private score: {score.GetDouble().ToString("0.#####", CultureInfo.InvariantCulture)} (episode {end.GetProperty("end_reason")}).");
    return 0;
}

Console.WriteLine("No private score: nothing valid was submitted.");
return 1;

// Calls a tool of the server and returns its structured content, or prints the error and returns null.
async Task<JsonElement?> CallToolAsync(string name, Dictionary<string, object?> arguments)
{
    var result = await client.CallToolAsync(name, arguments);
    if (result.IsError is not true && result.StructuredContent is { } content)
    {
        return content;
    }

    Console.Error.WriteLine($"{name} failed: {string.Join(" ", result.Content.OfType<TextContentBlock>().Select(b => b.Text))}");
    return null;
}

static int Fail(string message)
{
    Console.Error.WriteLine($"error: {message}\n\n{usage}");
    return 2;
}

// An MCP tool's result is the server's whole CallToolResult (as JSON); its structured content is the part to show.
static string? Summary(object? result) =>
    result is JsonElement { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("structuredContent", out var content)
        ? content.GetRawText()
        : result?.ToString();

static string Shorten(string? text) =>
    text is null ? "" : text.ReplaceLineEndings(" ") is var line && line.Length > 160 ? line[..157] + "..." : line;

// The server built in this repository, found from the sample's own folder or the working directory.
static string? DefaultServer()
{
    foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MleDojo.Mcp.sln")))
            {
                return Path.Combine(dir.FullName, "src", "MleDojo.Server", "bin", "Release", "net10.0", "mledojo");
            }
        }
    }

    return null;
}
