using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MleDojo.Core.Execution;
using MleDojo.Sandbox.Common;

namespace MleDojo.Docker.Tests;

/// <summary>
/// The local sandbox's attack suite, against a session container: each attack fails and the same container still
/// works afterwards.
/// </summary>
public sealed class DockerAttackTests(DockerFixture fixture) : DockerTestBase(fixture)
{
    protected override SandboxLimits Limits => new(MemoryBytes: 1L << 30, Cpus: 1, MaxProcesses: 32, MaxOutputBytes: 1 << 20);

    [Fact]
    public async Task Run_CreatingANestedUserNamespace_IsRefused()
    {
        // The engine's default seccomp profile refuses CLONE_NEWUSER to a container without CAP_SYS_ADMIN.
        var result = await RunAsync(AttackScripts.NestedUserNamespace);

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.DoesNotContain("LEAK", result.Stdout);
        Assert.Contains("refused unshare -r id", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("refused syscall", result.Stdout, StringComparison.Ordinal);
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Run_ReadingLabelledOriginalsOfShippedData_FindsThemHidden()
    {
        // The image carries scikit-learn, whose test fixtures include titanic3 with its survival labels.
        var result = await RunAsync(AttackScripts.LabelledOriginals(LabelledOriginals.Paths));

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.DoesNotContain("LEAK", result.Stdout);
        Assert.Contains("titanic blocked", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("sklearn works", result.Stdout, StringComparison.Ordinal);
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Run_ReadingAnswersByPath_IsBlocked()
    {
        var result = await RunAsync($$"""
            import os
            for path in [{{Py(Workspace.AnswersPath)}}, {{Py(Workspace.OtherSecretPath)}}, '/proc/1/root' + {{Py(Workspace.AnswersPath)}}]:
                try:
                    print('LEAK', open(path).read())
                except OSError as e:
                    print('blocked', type(e).__name__)
            # pid 1 is the container's init, under another uid: its root, cwd and environment are not the agent's to read.
            for path in ['/proc/1/root', '/proc/1/cwd', '/proc/1/environ']:
                try:
                    print('LEAK', os.listdir(path) if not path.endswith('environ') else open(path).read())
                except OSError as e:
                    print('blocked', type(e).__name__)
            """);

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.DoesNotContain("LEAK", result.Stdout);
        Assert.Equal(6, result.Stdout.Split('\n').Count(l => l.StartsWith("blocked", StringComparison.Ordinal)));
        Assert.DoesNotContain(TestWorkspace.AnswersSecret, result.Stdout);
        Assert.DoesNotContain(TestWorkspace.OtherSessionSecret, result.Stdout);
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Run_SearchingTheFilesystemForAnswers_FindsNothing()
    {
        var result = await RunAsync($$"""
            import os
            # Reversed, so this script (which lives in the workspace) does not match itself.
            secrets = [s[::-1] for s in [{{Py(Reverse(TestWorkspace.AnswersSecret))}}, {{Py(Reverse(TestWorkspace.OtherSessionSecret))}}]]
            names, files, hits = 0, 0, []
            for root, dirs, filenames in os.walk('/'):
                if root in ('/proc', '/sys'):
                    dirs[:] = []
                    continue
                for name in dirs + filenames:
                    names += 1
                    if name in ('answers.csv', 'prepared') or name.startswith('mledojo-dtest-'):
                        hits.append(os.path.join(root, name))
                if root.startswith('/usr'):
                    continue
                for name in filenames:
                    path = os.path.join(root, name)
                    try:
                        if os.path.isfile(path) and os.path.getsize(path) < 1 << 20:
                            files += 1
                            data = open(path, 'rb').read().decode('utf-8', 'replace')
                            hits.extend(path + ' CONTAINS SECRET' for s in secrets if s in data)
                    except OSError:
                        pass
            print('walked', names, 'read', files)
            print('hits', hits)
            """, TimeSpan.FromSeconds(60));

        Assert.True(result.Outcome == SandboxRunOutcome.Succeeded, result.Stderr);
        Assert.Contains("hits []", result.Stdout);
        Assert.Contains("walked", result.Stdout);
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
            for host in ['127.0.0.1', 'localhost', '::1']:
                try:
                    socket.create_connection((host, {{port}}), timeout=3).close()
                    print('CONNECTED', host)
                except OSError as e:
                    print('blocked', host, type(e).__name__)
            for target in [('1.1.1.1', 53), ('8.8.8.8', 443), ('172.17.0.1', {{port}})]:
                try:
                    socket.create_connection(target, timeout=3).close()
                    print('CONNECTED', target)
                except OSError as e:
                    print('blocked', target, type(e).__name__)
            print('interfaces', sorted(name for _, name in socket.if_nameindex()))
            """);

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.DoesNotContain("CONNECTED", result.Stdout);
        Assert.Equal(6, result.Stdout.Split('\n').Count(l => l.StartsWith("blocked", StringComparison.Ordinal)));
        Assert.Contains("interfaces ['lo']", result.Stdout);
        Assert.False(listener.Pending());
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Run_ResolvingNames_Fails()
    {
        var result = await RunAsync("""
            import socket
            for name in ['example.com', 'pypi.org']:
                try:
                    print('RESOLVED', name, socket.gethostbyname(name))
                except OSError as e:
                    print('blocked', name, type(e).__name__)
            """);

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.DoesNotContain("RESOLVED", result.Stdout);
        Assert.Contains("blocked example.com gaierror", result.Stdout);
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Run_ForkBomb_IsHeldAtThePidsLimitWhileTheHostStaysResponsive()
    {
        var container = ContainerId;
        await using var run = await Sandbox.StartAsync(Workspace.Script("""
            import os, time
            print('bomb', flush=True)
            while True:
                try:
                    os.fork()
                except OSError:
                    time.sleep(0.001)
            """, TimeSpan.FromSeconds(6)), Ct);

        // While the bomb goes off: the container's process count stays at the cgroup's pids limit and the host still
        // starts processes promptly.
        Assert.True(
            await HostProcesses.EventuallyAsync(() => HostProcesses.InContainer(container).Count >= 16, TimeSpan.FromSeconds(15), Ct),
            $"The bomb never reached 16 processes in the container: {HostProcesses.InContainer(container).Count}.");
        var peak = 0;
        var clock = Stopwatch.StartNew();
        while (!run.Completion.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(3))
        {
            peak = Math.Max(peak, HostProcesses.InContainer(container).Count);
            using var probe = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
            await probe.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
            await Task.Delay(200, Ct);
        }

        Assert.InRange(peak, 1, Limits.MaxProcesses + MleDojo.Sandbox.Docker.ContainerBuilder.HelperProcesses);

        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(SandboxRunOutcome.TimedOut, result.Outcome);
        Assert.Contains("bomb", result.Stdout);

        // No process of the bomb is left: either the killer reached the whole tree (the container's init and warm
        // template remain), or, when the full pids table kept the killer's exec from starting within KillTimeout, the
        // backend killed the container (nothing remains, and the next run gets a fresh one: AssertStillWorksAsync).
        // Generous: on a loaded 2-core machine either takes a while (CI saw more than 15 s at a load average of 28).
        Assert.True(
            await HostProcesses.EventuallyAsync(() => HostProcesses.InContainer(container).Count <= IdleProcesses, TimeSpan.FromSeconds(60), Ct),
            $"After the bomb, {HostProcesses.InContainer(container).Count} processes are left in the container, more than {IdleProcesses}.");

        // The session goes on: in the same container, or in a fresh one with a note saying the old one stopped.
        var next = await RunAsync("print('still alive')\n");
        Assert.True(next.Outcome == SandboxRunOutcome.Succeeded, $"{next.Outcome}: {next.Note} {next.Stderr}");
        Assert.Contains("still alive", next.Stdout);
        Assert.True(ContainerId == container ? next.Note is null : next.Note?.Contains("container had stopped", StringComparison.Ordinal) == true, next.Note);
    }

    [Fact]
    public async Task Run_Allocating20Gb_FailsFastInsideTheRun()
    {
        var result = await RunAsync(AttackScripts.Allocate20Gb, TimeSpan.FromSeconds(60));

        AttackAssertions.FailedToAllocate20Gb(result);
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Run_MemorySpreadOverSeveralProcesses_IsCappedByTheCgroup()
    {
        // Each child stays under the per-process limit (1 GiB), but together they would hold about 1.4 GiB: the
        // container's memory cgroup stops them (its out-of-memory killer takes agent processes, never the init).
        var result = await RunAsync("""
            import os, time
            children = []
            for i in range(4):
                pid = os.fork()
                if pid == 0:
                    block = bytearray(b'\x01') * (350 * 2**20)
                    time.sleep(5)
                    os._exit(0)
                children.append(pid)
            print('children started', flush=True)
            for pid in children:
                _, status = os.waitpid(pid, 0)
                print('child', 'killed by signal %d' % os.WTERMSIG(status) if os.WIFSIGNALED(status) else 'exited %d' % os.WEXITSTATUS(status))
            """, TimeSpan.FromSeconds(60));

        Assert.True(result.Outcome == SandboxRunOutcome.Succeeded, $"{result.Outcome} {result.Note} {result.Stderr}");
        Assert.Contains("children started", result.Stdout);
        Assert.Contains("child killed by signal 9", result.Stdout);
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Run_InfiniteLoop_TimesOutKeepingWhatItPrinted()
    {
        var result = await RunAsync(AttackScripts.InfiniteLoop, TimeSpan.FromSeconds(2));

        AttackAssertions.TimedOutKeepingOutput(result);
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.InContainer(ContainerId).Count == IdleProcesses, TimeSpan.FromSeconds(15), Ct));
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Run_WritingOutsideTheWorkspace_FailsAndLeavesTheHostUntouched()
    {
        var hostVictim = Path.Combine(Workspace.Root, "victim.txt");
        File.WriteAllText(hostVictim, "original");
        var hostTmpVictim = Path.Combine("/tmp", $"mledojo-victim-{Guid.NewGuid():N}");
        File.WriteAllText(hostTmpVictim, "original");
        try
        {
            var result = await RunAsync($$"""
                import os
                for path in ['/etc/mledojo-escape', '/usr/mledojo-escape', '../escape.txt', '/escape.txt', '/var/tmp/escape.txt', {{Py(hostVictim)}}, {{Py(Workspace.OtherSecretPath)}}]:
                    try:
                        open(path, 'w').write('pwned')
                        print('WROTE', path)
                    except OSError as e:
                        print('blocked', path, type(e).__name__)
                # /tmp is the container's own tmpfs: writing there works but never reaches the host's /tmp.
                open({{Py(hostTmpVictim)}}, 'w').write('pwned')
                print('private tmp ok')
                """);

            Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
            Assert.DoesNotContain("WROTE", result.Stdout);
            Assert.Equal(7, result.Stdout.Split('\n').Count(l => l.StartsWith("blocked", StringComparison.Ordinal)));
            Assert.Contains("private tmp ok", result.Stdout);
            Assert.Equal("original", File.ReadAllText(hostVictim));
            Assert.Equal("original", File.ReadAllText(hostTmpVictim));
            Assert.Equal(TestWorkspace.OtherSessionSecret, File.ReadAllText(Workspace.OtherSecretPath));
            Assert.False(File.Exists("/etc/mledojo-escape"));
            Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(Workspace.Path_)!, "escape.txt")));
            await AssertStillWorksAsync();
        }
        finally
        {
            File.Delete(hostTmpVictim);
        }
    }

    [Fact]
    public async Task Run_Printing100Mb_StopsAtTheOutputLimit()
    {
        var result = await RunAsync(AttackScripts.Print100Mb, TimeSpan.FromSeconds(60));

        AttackAssertions.StoppedAtOutputLimit(result, Workspace.Path_, Limits.MaxOutputBytes);
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Kill_RunWithChildProcesses_TakesDownTheWholeTree()
    {
        var token = $"mledojo-kill-tree-{Guid.NewGuid():N}";
        await using var run = await Sandbox.StartAsync(Workspace.Script($$"""
            import os, subprocess, sys, time
            # A new session and a double fork: children that leave the run's process group, as a daemon would.
            subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', {{Py(token)}}], start_new_session=True)
            subprocess.Popen([sys.executable, '-c', 'import os, time; os.fork() or os.setsid(); time.sleep(300)', {{Py(token)}}])
            print('children started', flush=True)
            time.sleep(300)
            """), Ct);

        Assert.True(
            await HostProcesses.EventuallyAsync(() => HostProcesses.WithToken(token).Count == 3, TimeSpan.FromSeconds(15), Ct),
            "children did not start");

        await run.KillAsync(Ct);

        var result = await run.Completion;
        Assert.Equal(SandboxRunOutcome.Cancelled, result.Outcome);
        Assert.Null(result.ExitCode);
        Assert.Contains("children started", result.Stdout);
        Assert.True(
            await HostProcesses.EventuallyAsync(() => HostProcesses.WithToken(token).Count == 0, TimeSpan.FromSeconds(10), Ct),
            "children survived the kill");
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Run_KillingItsOwnSupervisor_LeavesNoProcessesBehind()
    {
        var token = $"mledojo-orphan-{Guid.NewGuid():N}";
        var result = await RunAsync($$"""
            import os, signal, subprocess, sys, time
            subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', {{Py(token)}}], start_new_session=True)
            print('child started', flush=True)
            time.sleep(0.5)
            os.kill(os.getppid(), signal.SIGKILL)
            time.sleep(300)
            """, TimeSpan.FromSeconds(60));

        Assert.Equal(SandboxRunOutcome.Failed, result.Outcome);
        Assert.Contains("child started", result.Stdout);
        Assert.True(result.Duration < TimeSpan.FromSeconds(30), $"took {result.Duration}");
        Assert.True(
            await HostProcesses.EventuallyAsync(() => HostProcesses.WithToken(token).Count == 0, TimeSpan.FromSeconds(10), Ct),
            "processes outlived their supervisor");
        await AssertStillWorksAsync();
    }
}
