using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace MleDojo.Agents.Tests.Support;

/// <summary>
/// The real server (<c>mledojo serve</c>) over stdio on a data root of its own, with a real MCP client connected: what
/// an agent plays against. The executable is the one built next to these tests.
/// </summary>
public sealed class DojoServer : IAsyncLifetime
{
    private readonly string _home = Directory.CreateTempSubdirectory("mledojo-agents-").FullName;

    public McpClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Client = await ConnectAsync(TestContext.Current.CancellationToken);

    /// <summary>Another client of the same server data root, as a second process would connect.</summary>
    public Task<McpClient> ConnectAsync(CancellationToken cancellationToken) =>
        McpClient.CreateAsync(
            new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = "mledojo",
                Command = RepositoryPaths.ServerExecutable,
                Arguments = ["serve"],
                EnvironmentVariables = new Dictionary<string, string?> { ["MLEDOJO_HOME"] = _home },
                ShutdownTimeout = TimeSpan.FromSeconds(10),
            }),
            new McpClientOptions { ClientInfo = new Implementation { Name = "mledojo-agent-tests", Version = "1.0.0" } },
            cancellationToken: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
