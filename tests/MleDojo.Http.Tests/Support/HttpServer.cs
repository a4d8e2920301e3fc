using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace MleDojo.Http.Tests.Support;

/// <summary>
/// A real <c>mledojo serve --http</c> process on a free loopback port, with its own data root: started, signalled,
/// killed and restarted on the same data root as an operator would. Clients are the C# SDK's HTTP transport.
/// </summary>
public sealed partial class HttpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly IReadOnlyList<string> _arguments;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private Process? _process;

    private HttpServer(string home, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        Home = home;
        _arguments = arguments;
        _environment = environment;
    }

    /// <summary>The server's MLEDOJO_HOME, deleted on dispose.</summary>
    public string Home { get; }

    /// <summary>Where the server listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The MCP endpoint.</summary>
    public Uri McpUri => new(BaseUri, "/mcp");

    /// <summary>The server process's exit code, once it has exited.</summary>
    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>The newest log lines, for failure messages.</summary>
    public string LogTail(int lines = 30) => string.Join('\n', _stderr.TakeLast(lines));

    /// <summary>Every log line so far.</summary>
    public IReadOnlyCollection<string> Log => _stderr;

    /// <summary>MLEDOJO_TEST_SANDBOX=docker runs the same tests on the Docker backend.</summary>
    private static string[] BackendArguments =>
        Environment.GetEnvironmentVariable("MLEDOJO_TEST_SANDBOX") is { Length: > 0 } backend ? ["--sandbox", backend] : [];

    /// <summary>Starts a server with <c>--auth <paramref name="auth"/></c> and waits until it listens.</summary>
    public static async Task<HttpServer> StartAsync(CancellationToken cancellationToken, string auth = "keys", IReadOnlyDictionary<string, string?>? environment = null, params string[] arguments)
    {
        var home = Path.Combine(Path.GetTempPath(), "mledojo-http-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(home);
        var server = new HttpServer(home, ["serve", "--http", "--urls", "http://127.0.0.1:0", "--auth", auth, .. BackendArguments, .. arguments], environment ?? new Dictionary<string, string?>());
        await server.LaunchAsync(cancellationToken);
        return server;
    }

    /// <summary>Runs the server once more on the same data root (after <see cref="KillAsync"/> or <see cref="StopAsync"/>).</summary>
    public Task RestartAsync(CancellationToken cancellationToken) => LaunchAsync(cancellationToken);

    /// <summary>Creates an API key with the CLI on this data root and returns it.</summary>
    public async Task<string> CreateKeyAsync(string name, CancellationToken cancellationToken, string scopes = "play")
    {
        var (exit, stdout, stderr) = await CliAsync(cancellationToken, "keys", "create", "--name", name, "--scopes", scopes, "--json");
        Assert.True(exit == 0, $"keys create failed: {stderr}");
        return JsonDocument.Parse(stdout).RootElement.GetProperty("key").GetString()!;
    }

    /// <summary>Runs <c>mledojo</c> with this data root.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo(RepositoryPaths.ServerExecutable);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["MLEDOJO_HOME"] = Home;
        return ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2), cancellationToken);
    }

    /// <summary>An MCP client over Streamable HTTP, with <paramref name="bearer"/> as its credential.</summary>
    public async Task<McpClient> ConnectAsync(string? bearer, CancellationToken cancellationToken, string clientName = "mledojo-http-tests")
    {
        var headers = new Dictionary<string, string>();
        if (bearer is not null)
        {
            headers["Authorization"] = $"Bearer {bearer}";
        }

        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = McpUri,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = headers,
            Name = "mledojo",
        });
        return await McpClient.CreateAsync(transport, new McpClientOptions
        {
            ClientInfo = new Implementation { Name = clientName, Version = "1.0.0" },
        }, cancellationToken: cancellationToken);
    }

    /// <summary>A plain HTTP client for this server, with <paramref name="bearer"/> if given.</summary>
    public HttpClient Http(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromMinutes(2) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>Sends SIGTERM, as a service manager stopping the server does, and waits for the process to exit.</summary>
    public async Task<int> StopAsync(CancellationToken cancellationToken)
    {
        var process = _process!;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
    }

    /// <summary>Kills the process outright (kill -9): no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A run's files may still be closing; the temp directory is cleaned by the OS eventually.
        }
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(RepositoryPaths.ServerExecutable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in _arguments)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["MLEDOJO_HOME"] = Home;
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            _stderr.Enqueue(e.Data);
            if (ListeningLine().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
            }
        };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _stderr.Enqueue("stdout: " + e.Data); } };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The server exited before listening.\nIts log:\n{LogTail()}"));
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;
        using var within = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        within.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            BaseUri = await listening.Task.WaitAsync(within.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The server did not listen within 2 minutes.\nIts log:\n{LogTail()}");
        }
    }

    [GeneratedRegex(@"MCP over Streamable HTTP at (http://[^\s]+)/mcp")]
    private static partial Regex ListeningLine();
}
