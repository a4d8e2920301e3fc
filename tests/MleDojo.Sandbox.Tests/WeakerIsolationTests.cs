using MleDojo.Core.Execution;
using MleDojo.Sandbox.Local;

namespace MleDojo.Sandbox.Tests;

/// <summary>The fallbacks: refused unless the operator opts in, and loud about it when used.</summary>
public sealed class WeakerIsolationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_UnisolatedByDefault_IsRefusedSayingWhatToDo()
    {
        var provider = await LocalSandboxProvider.ProbeAsync(new LocalSandboxOptions { Isolation = LocalIsolationMode.None }, Ct);
        await using var workspace = new TestWorkspace();

        Assert.False(provider.Isolation.IsFull);
        Assert.Contains("NONE", provider.Isolation.Description);
        var error = await Assert.ThrowsAsync<SandboxException>(() => provider.CreateAsync(workspace.Spec(), Ct));
        Assert.Contains("bubblewrap", error.Message);
        Assert.Contains("AllowUnisolated", error.Message);
    }

    [Fact]
    public async Task CreateAsync_UnisolatedWhenAllowed_RunsAndStillScrubsAndLimits()
    {
        var provider = await LocalSandboxProvider.ProbeAsync(
            new LocalSandboxOptions { Isolation = LocalIsolationMode.None, AllowUnisolated = true }, Ct);
        await using var workspace = new TestWorkspace();
        await Assert.ThrowsAsync<SandboxException>(() => provider.CreateAsync(workspace.Spec(), Ct));
        workspace.Traversable();
        await using var sandbox = await provider.CreateAsync(workspace.Spec(), Ct);
        Assert.Equal(workspace.Path_, sandbox.WorkspaceMountPath);

        Environment.SetEnvironmentVariable("MLEDOJO_TEST_SECRET", "sk-host-secret-4242");
        try
        {
            await using var run = await sandbox.StartAsync(workspace.Script("import os\nprint(os.getcwd(), dict(os.environ))\nopen('output/x', 'w').write('1')\n"), Ct);
            var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60), Ct);
            Assert.True(result.Outcome == SandboxRunOutcome.Succeeded, result.Stderr);
            Assert.Contains(workspace.Path_, result.Stdout);
            Assert.DoesNotContain("sk-host-secret-4242", result.Stdout);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MLEDOJO_TEST_SECRET", null);
        }

        var token = $"mledojo-none-tree-{Guid.NewGuid():N}";
        await using var tree = await sandbox.StartAsync(workspace.Script($"""
            import subprocess, sys, time
            subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', '{token}'])
            print('up', flush=True)
            time.sleep(300)
            """), Ct);
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.WithToken(token).Count == 1, TimeSpan.FromSeconds(15), Ct));
        await tree.KillAsync(Ct);
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.WithToken(token).Count == 0, TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task ProbeAsync_UnshareMode_IsolatesTheNetworkButSaysTheFilesystemIsOpen()
    {
        var provider = await LocalSandboxProvider.ProbeAsync(
            new LocalSandboxOptions { Isolation = LocalIsolationMode.Unshare, AllowUnisolated = true }, Ct);
        Assert.Equal(LocalIsolationMode.Unshare, provider.Mode);
        Assert.False(provider.Isolation.Filesystem);
        Assert.True(provider.Isolation.Network);
        Assert.Contains("NO FILESYSTEM ISOLATION", provider.Isolation.Description);

        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        await using var workspace = new TestWorkspace().Traversable();
        await using var sandbox = await provider.CreateAsync(workspace.Spec(), Ct);
        await using var run = await sandbox.StartAsync(workspace.Script($"""
            import socket
            try:
                socket.create_connection(('127.0.0.1', {port}), timeout=3); print('CONNECTED')
            except OSError as e:
                print('blocked', type(e).__name__)
            """), Ct);
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.Contains("blocked", result.Stdout);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task CreateAsync_MissingInterpreter_IsReported()
    {
        var provider = await LocalSandboxProvider.ProbeAsync(new LocalSandboxOptions { PythonPath = "/nonexistent/python3" }, Ct);
        await using var workspace = new TestWorkspace();

        var error = await Assert.ThrowsAsync<SandboxException>(() => provider.CreateAsync(workspace.Spec(), Ct));
        Assert.Contains("/nonexistent/python3", error.Message);
    }
}
