using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MleDojo.Dashboard.Tests.Support;

/// <summary>
/// A real <c>mledojo serve --http</c> process on a free loopback port, with its own data root and API keys made by
/// <c>mledojo keys create</c>, exactly as an operator would run it.
/// </summary>
public sealed partial class DashboardServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderr = new();

    private readonly string _auth;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private bool _ownsHome = true;

    private DashboardServer(Process process, string home, string auth, IReadOnlyDictionary<string, string> environment)
    {
        _process = process;
        Home = home;
        _auth = auth;
        _environment = environment;
    }

    /// <summary>The server's MLEDOJO_HOME, deleted on dispose.</summary>
    public string Home { get; }

    /// <summary>Where it listens, such as <c>http://127.0.0.1:40123</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The MCP endpoint.</summary>
    public Uri Mcp => new(BaseAddress, "/mcp");

    /// <summary>The newest log lines, for failure messages.</summary>
    public string LogTail(int lines = 30) => string.Join('\n', _stderr.TakeLast(lines));

    /// <summary>Starts the server with <c>--auth <paramref name="auth"/></c> and waits until it listens.</summary>
    public static Task<DashboardServer> StartAsync(string auth = "keys", CancellationToken cancellationToken = default) =>
        StartAsync(auth, new Dictionary<string, string>(), cancellationToken);

    /// <summary>Starts the server with <c>--auth <paramref name="auth"/></c> and extra environment variables (configuration).</summary>
    public static Task<DashboardServer> StartAsync(string auth, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken = default)
    {
        var home = Path.Combine(Path.GetTempPath(), "mledojo-dash-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(home);
        return StartAsync(home, auth, environment, cancellationToken);
    }

    /// <summary>Stops this server and starts another on the same data root, which the new one then owns.</summary>
    public async Task<DashboardServer> RestartAsync(CancellationToken cancellationToken = default)
    {
        _ownsHome = false;
        await DisposeAsync();
        return await StartAsync(Home, _auth, _environment, cancellationToken);
    }

    private static async Task<DashboardServer> StartAsync(string home, string auth, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var start = Start(home, "serve", "--http", "--urls", "http://127.0.0.1:0", "--auth", auth);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException("mledojo did not start.");
        var server = new DashboardServer(process, home, auth, environment);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            server._stderr.Enqueue(line);
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups["base"].Value));
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            var exited = process.WaitForExitAsync(cancellationToken);
            var first = await Task.WhenAny(listening.Task, exited, Task.Delay(StartTimeout, cancellationToken));
            if (first != listening.Task)
            {
                throw new InvalidOperationException($"The server did not start listening. Its log:\n{server.LogTail()}");
            }

            server.BaseAddress = await listening.Task;
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an API key with <c>mledojo keys create --json</c> and returns it.</summary>
    public async Task<string> CreateKeyAsync(string name, string scopes = "play", CancellationToken cancellationToken = default)
    {
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(Start(Home, "keys", "create", "--name", name, "--scopes", scopes, "--json"), TimeSpan.FromMinutes(2), cancellationToken);
        Assert.True(exitCode == 0, $"keys create failed ({exitCode}): {stderr}");
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.GetProperty("key").GetString()!;
    }

    /// <summary>Revokes the key named <paramref name="name"/> with <c>mledojo keys revoke</c>.</summary>
    public async Task RevokeKeyAsync(string name, CancellationToken cancellationToken = default)
    {
        var (exitCode, _, stderr) = await ChildProcess.RunAsync(Start(Home, "keys", "revoke", name), TimeSpan.FromMinutes(2), cancellationToken);
        Assert.True(exitCode == 0, $"keys revoke failed ({exitCode}): {stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
        if (!_ownsHome)
        {
            return;
        }

        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // A run's files may still be closing; the temp directory is cleaned by the OS eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static ProcessStartInfo Start(string home, params string[] args)
    {
        var start = new ProcessStartInfo(RepositoryPaths.ServerExecutable);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["MLEDOJO_HOME"] = home;
        return start;
    }

    [GeneratedRegex(@"MCP over Streamable HTTP at (?<base>http://[^\s/]+)/mcp")]
    private static partial Regex ListeningLine();
}
