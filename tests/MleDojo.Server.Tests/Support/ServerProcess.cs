using System.Collections.Concurrent;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace MleDojo.Server.Tests.Support;

/// <summary>
/// A real <c>mledojo serve</c> process with its own temporary data root, driven by the C# SDK's MCP client
/// over stdio, exactly as an agent host would.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _stderr = new();

    private ServerProcess(string home) => Home = home;

    /// <summary>The server's MLEDOJO_HOME, deleted on dispose.</summary>
    public string Home { get; }

    public McpClient Client { get; private set; } = null!;

    /// <summary>Every line the server wrote to stderr (its log).</summary>
    public IReadOnlyCollection<string> Stderr => _stderr;

    /// <summary>The newest log lines, for failure messages.</summary>
    public string LogTail(int lines = 20) => string.Join('\n', _stderr.TakeLast(lines));

    /// <summary>
    /// MLEDOJO_TEST_SANDBOX=docker (or slurm) runs the same end-to-end tests on the Docker (or Slurm) backend. The Slurm
    /// backend's shared root is a sibling of the data root, never inside it: the answers must stay off it.
    /// </summary>
    private string[] BackendArguments =>
        Environment.GetEnvironmentVariable("MLEDOJO_TEST_SANDBOX") is { Length: > 0 } backend
            ? backend == "slurm" ? ["--sandbox", backend, "--slurm-shared-root", SharedRoot] : ["--sandbox", backend]
            : [];

    /// <summary>The Slurm backend's shared root under MLEDOJO_TEST_SANDBOX=slurm (a sibling of <see cref="Home"/>), deleted on dispose.</summary>
    public string SharedRoot => Home + "-shared";

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?>? environment = null, IEnumerable<string>? serveArguments = null, CancellationToken cancellationToken = default)
    {
        var home = Path.Combine(Path.GetTempPath(), "mledojo-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(home);
        var server = new ServerProcess(home);
        var env = new Dictionary<string, string?>(StringComparer.Ordinal) { ["MLEDOJO_HOME"] = home };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "mledojo",
            Command = RepositoryPaths.ServerExecutable,
            Arguments = ["serve", .. server.BackendArguments, .. serveArguments ?? []],
            EnvironmentVariables = env,
            StandardErrorLines = server._stderr.Enqueue,
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        });
        try
        {
            server.Client = await McpClient.CreateAsync(transport, new McpClientOptions
            {
                ClientInfo = new Implementation { Name = "mledojo-server-tests", Version = "1.0.0" },
            }, cancellationToken: cancellationToken);
        }
        catch (Exception ex)
        {
            server.DeleteHome();
            throw new InvalidOperationException($"The server did not start: {ex.Message}\nIts log:\n{server.LogTail()}", ex);
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        DeleteHome();
    }

    private void DeleteHome()
    {
        foreach (var directory in new[] { Home, SharedRoot }.Where(Directory.Exists))
        {
            DeleteDirectory(directory);
        }
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A run's files may still be closing; the temp directory is cleaned by the OS eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
