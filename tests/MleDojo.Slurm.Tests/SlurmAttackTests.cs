using System.Net;
using System.Net.Sockets;
using MleDojo.Core.Execution;

namespace MleDojo.Slurm.Tests;

/// <summary>
/// The local and Docker attack suite, against a job step of a session allocation: each attack fails, its processes are
/// gone afterwards, and the same allocation still works.
/// </summary>
public sealed class SlurmAttackTests(SlurmFixture fixture) : SlurmTestBase(fixture)
{
    protected override SandboxLimits Limits => new(MemoryBytes: 1L << 30, Cpus: 1, MaxProcesses: 32, MaxOutputBytes: 1 << 20);

    [Fact]
    public async Task Run_ReadingAnswersByPath_IsBlocked()
    {
        // The test layout puts the answers on the shared filesystem next to the workspace, the worst case: only
        // bubblewrap stands between them and agent code.
        var result = await RunAsync($$"""
            import os
            for path in [{{Py(Workspace.AnswersPath)}}, {{Py(Workspace.OtherSecretPath)}}, '/proc/1/root' + {{Py(Workspace.AnswersPath)}}]:
                try:
                    print('LEAK', open(path).read())
                except OSError as e:
                    print('blocked', type(e).__name__)
            print('workspace', sorted(os.listdir('/workspace')))
            """);

        Assert.True(result.Outcome == SandboxRunOutcome.Succeeded, $"{result.Outcome}: {result.Note} {result.Stderr}");
        Assert.DoesNotContain("LEAK", result.Stdout);
        Assert.Equal(3, result.Stdout.Split('\n').Count(l => l.StartsWith("blocked", StringComparison.Ordinal)));
        Assert.DoesNotContain(TestWorkspace.AnswersSecret, result.Stdout);
        Assert.DoesNotContain(TestWorkspace.OtherSessionSecret, result.Stdout);
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Run_ConnectingToAHostLoopbackListener_IsBlocked()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var result = await RunAsync($$"""
            import socket
            for host in ['127.0.0.1', 'localhost']:
                try:
                    socket.create_connection((host, {{port}}), timeout=3).close()
                    print('CONNECTED', host)
                except OSError as e:
                    print('blocked', host, type(e).__name__)
            # The cluster's own daemons listen on the node: slurmctld and slurmd must be out of reach too.
            for port in [26817, 26818, 26819, 6817, 6818]:
                try:
                    socket.create_connection(('127.0.0.1', port), timeout=3).close()
                    print('CONNECTED', port)
                except OSError as e:
                    print('blocked', port, type(e).__name__)
            print('interfaces', sorted(name for _, name in socket.if_nameindex()))
            """);

        Assert.True(result.Outcome == SandboxRunOutcome.Succeeded, $"{result.Outcome}: {result.Note} {result.Stderr}");
        Assert.DoesNotContain("CONNECTED", result.Stdout);
        Assert.Equal(7, result.Stdout.Split('\n').Count(l => l.StartsWith("blocked", StringComparison.Ordinal)));
        Assert.Contains("interfaces ['lo']", result.Stdout);
        Assert.False(listener.Pending());
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Run_ForkBomb_IsContainedAndItsProcessesAreGoneAfterTheTimeout()
    {
        var token = "mledojo-bomb-" + Guid.NewGuid().ToString("N");
        var result = await RunAsync($$"""
            import os, sys, time
            print('bomb', flush=True)
            sys.argv.append({{Py(token)}})
            while True:
                try:
                    if os.fork() == 0:
                        os.execv(sys.executable, [sys.executable, '-c', 'import time; time.sleep(600)', {{Py(token)}}])
                except OSError:
                    time.sleep(0.001)
            """, TimeSpan.FromSeconds(6));

        Assert.Equal(SandboxRunOutcome.TimedOut, result.Outcome);
        Assert.Contains("bomb", result.Stdout);

        // The per-session uid's process limit held the bomb; the step's end took every process with it.
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.WithToken(token).Count == 0, TimeSpan.FromSeconds(20), Ct),
            $"processes left: {HostProcesses.WithToken(token).Count}");
        Assert.True(await SlurmQueue.EventuallyAsync(async () => !await SlurmQueue.HasRunningStepsAsync(JobId), TimeSpan.FromSeconds(20), Ct));
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Run_Allocating20Gb_FailsFastInsideTheRun()
    {
        var result = await RunAsync(AttackScripts.Allocate20Gb, TimeSpan.FromSeconds(60));

        AttackAssertions.FailedToAllocate20Gb(result);
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Run_InfiniteLoop_IsKilledAtTheTimeoutKeepingItsOutput()
    {
        var result = await RunAsync(AttackScripts.InfiniteLoop, TimeSpan.FromSeconds(2));

        AttackAssertions.TimedOutKeepingOutput(result);
        Assert.True(await SlurmQueue.EventuallyAsync(async () => !await SlurmQueue.HasRunningStepsAsync(JobId), TimeSpan.FromSeconds(20), Ct));
        Assert.Equal("RUNNING", await SlurmQueue.JobStateAsync(JobId));
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Run_PrintingWithoutEnd_IsStoppedAtTheOutputLimit()
    {
        var result = await RunAsync(AttackScripts.Print100Mb, TimeSpan.FromSeconds(60));

        AttackAssertions.StoppedAtOutputLimit(result, Workspace.Path_, Limits.MaxOutputBytes);
        await AssertStillWorksAsync();
    }
}
