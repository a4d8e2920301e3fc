using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace MleDojo.Dashboard.Tests.Support;

/// <summary>An agent's side: the C# SDK's MCP client over Streamable HTTP with an API key, as a hosted agent connects.</summary>
public sealed class McpPlayer : IAsyncDisposable
{
    /// <summary>A titanic solution that runs in seconds: women survive, men do not.</summary>
    public const string GenderRule = """
        import os
        import pandas as pd
        test = pd.read_csv("input/test.csv")
        os.makedirs("output", exist_ok=True)
        print("rows:", len(test))
        pd.DataFrame({"PassengerId": test["PassengerId"], "Survived": (test["sex"] == "female").astype(int)}).to_csv("output/submission.csv", index=False)
        """;

    private readonly McpClient _client;

    private McpPlayer(McpClient client) => _client = client;

    /// <summary>Connects to <paramref name="server"/>'s <c>/mcp</c> with <paramref name="key"/> as the bearer credential.</summary>
    public static async Task<McpPlayer> ConnectAsync(DashboardServer server, string key, CancellationToken cancellationToken)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = server.Mcp,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" },
            Name = "dashboard-tests",
        });
        var client = await McpClient.CreateAsync(transport, new McpClientOptions
        {
            ClientInfo = new Implementation { Name = "dashboard-tests", Version = "1.0.0" },
        }, cancellationToken: cancellationToken);
        return new McpPlayer(client);
    }

    /// <summary>Calls <paramref name="tool"/> and returns its structured result; a tool error fails the test with its text.</summary>
    public async Task<JsonElement> CallAsync(string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var result = await _client.CallToolAsync(tool, arguments, cancellationToken: cancellationToken);
        var text = string.Join('\n', result.Content.OfType<TextContentBlock>().Select(c => c.Text));
        Assert.False(result.IsError == true, $"{tool} failed: {text}");
        return result.StructuredContent is { } structured ? structured.Clone() : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Starts a titanic episode labelled with <paramref name="agent"/> and returns its session id.</summary>
    public async Task<string> StartTitanicAsync(string agent, CancellationToken cancellationToken)
    {
        var started = await CallAsync("start_session", new() { ["competition_id"] = "titanic", ["agent"] = agent }, cancellationToken);
        return started.GetProperty("session_id").GetString()!;
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
