using System.Text.Json;
using MleDojo.Sandbox.Docker;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace MleDojo.Docker.Tests;

/// <summary>
/// The real server (<c>mledojo serve --sandbox docker</c>) driven over stdio: an episode step runs in a container,
/// a server killed with SIGKILL leaves its container behind, the next server on the same data root removes it, and a
/// server shut down cleanly removes all of its containers.
/// </summary>
public sealed class DockerServerTests(DockerFixture fixture) : IAsyncLifetime
{
    private readonly string _home = Directory.CreateTempSubdirectory("mledojo-dtest-home-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        fixture.Require();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
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

        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Serve_KilledThenRestarted_NextServerRemovesLeftoversAndCleanShutdownRemovesAll()
    {
        var instance = DockerInstance.ForDataRoot(_home);
        string leftover;

        // Given a server that ran a step in its session's container.
        var client = await StartServerAsync();
        try
        {
            var started = Structured(await client.CallToolAsync("start_session", new Dictionary<string, object?> { ["competition_id"] = "penguins" }, cancellationToken: Ct));
            var session = started.GetProperty("session_id").GetString();
            Assert.Contains("docker", started.GetProperty("sandbox").GetString());
            var step = Structured(await client.CallToolAsync(
                "execute_code",
                new Dictionary<string, object?> { ["session_id"] = session, ["code"] = "import os\nprint('uid', os.getuid())\n", ["wait_s"] = 60 },
                cancellationToken: Ct));
            Assert.Equal("succeeded", step.GetProperty("status").GetString());
            Assert.Contains("uid 1000", step.GetProperty("stdout").GetString());
            var containers = await DockerLifecycleTests.ContainersAsync(instance);
            leftover = Assert.Single(containers);

            // When it is killed with SIGKILL: nothing runs its shutdown.
            var pids = HostProcesses.WithToken(_home).Where(pid => pid != Environment.ProcessId).ToList();
            Assert.NotEmpty(pids);
            foreach (var pid in pids)
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }

            Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.WithToken(_home).Count == 0, TimeSpan.FromSeconds(15), Ct));
        }
        finally
        {
            await DisposeQuietlyAsync(client);
        }

        // Then its container is still there...
        Assert.Contains(leftover, await DockerLifecycleTests.ContainersAsync(instance));

        // ...until a server starts on the same data root.
        var restarted = await StartServerAsync();
        try
        {
            await restarted.ListToolsAsync(cancellationToken: Ct);
            Assert.DoesNotContain(leftover, await DockerLifecycleTests.ContainersAsync(instance));
            var started = Structured(await restarted.CallToolAsync("start_session", new Dictionary<string, object?> { ["competition_id"] = "penguins" }, cancellationToken: Ct));
            Assert.NotNull(started.GetProperty("session_id").GetString());
            Assert.NotEmpty(await DockerLifecycleTests.ContainersAsync(instance));
        }
        finally
        {
            // Closing its stdin shuts the server down cleanly.
            await DisposeQuietlyAsync(restarted);
        }

        Assert.True(
            await EventuallyAsync(async () => (await DockerLifecycleTests.ContainersAsync(instance)).Count == 0, TimeSpan.FromSeconds(30)),
            "a cleanly stopped server left containers behind");
    }

    private async Task<McpClient> StartServerAsync()
    {
        var server = Path.Combine(AppContext.BaseDirectory, "mledojo.dll");
        return await McpClient.CreateAsync(
            new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = "mledojo",
                Command = "dotnet",
                Arguments = [server, "serve", "--home", _home, "--sandbox", "docker"],
                StandardErrorLines = _ => { },
                ShutdownTimeout = TimeSpan.FromSeconds(30),
            }),
            cancellationToken: Ct);
    }

    private static async Task DisposeQuietlyAsync(McpClient client)
    {
        try
        {
            await client.DisposeAsync();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            // The server was killed under the client.
        }
    }

    private static JsonElement Structured(CallToolResult result) =>
        result.IsError == true
            ? throw new InvalidOperationException(string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text)))
            : result.StructuredContent ?? throw new InvalidOperationException("no structured content");

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(250, Ct);
        }

        return await condition();
    }
}
