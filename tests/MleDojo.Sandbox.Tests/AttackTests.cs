using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MleDojo.Core.Execution;
using MleDojo.Sandbox.Common;

namespace MleDojo.Sandbox.Tests;

/// <summary>
/// Agent code trying to cheat or to hurt the host. Each test checks the attack failed and the sandbox still works. These
/// run on the default path (warm runs under bubblewrap); <see cref="ColdAttackTests"/> runs them all again cold.
/// </summary>
public class AttackTests : LocalSandboxTestBase
{
    public AttackTests(SandboxFixture fixture)
        : base(fixture)
    {
    }

    protected AttackTests(LocalSandboxFixture fixture)
        : base(fixture)
    {
    }

    protected override SandboxLimits Limits => new(MemoryBytes: 1L << 30, Cpus: 1, MaxProcesses: 32, MaxOutputBytes: 1 << 20);

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
            for path in ['/proc/1/root', '/proc/1/cwd', '/proc/1/environ']:
                try:
                    print('LEAK', os.listdir(path) if not path.endswith('environ') else open(path).read())
                except OSError as e:
                    print('blocked', type(e).__name__)
            """);

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.DoesNotContain("LEAK", result.Stdout);
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
                if root == '/proc':
                    dirs[:] = []
                    continue
                for name in dirs + filenames:
                    names += 1
                    if name in ('answers.csv', 'prepared') or name.startswith('mledojo-test-'):
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
            """);

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.Contains("hits []", result.Stdout);
        Assert.Contains("walked", result.Stdout);
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Run_ReadingLabelledOriginalsOfShippedData_FindsThemHidden()
    {
        // Debian's dataset-fashion-mnist and scikit-learn's titanic3 test fixture sit under /usr, which agent code needs:
        // reading them would let test rows be joined back to their labels.
        var result = await RunAsync(AttackScripts.LabelledOriginals(LabelledOriginals.Paths));

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.DoesNotContain("LEAK", result.Stdout);
        Assert.Contains("titanic blocked", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("sklearn works", result.Stdout, StringComparison.Ordinal);
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
            for target in [('1.1.1.1', 53), ('8.8.8.8', 443)]:
                try:
                    socket.create_connection(target, timeout=3).close()
                    print('CONNECTED', target)
                except OSError as e:
                    print('blocked', target, type(e).__name__)
            """);

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.DoesNotContain("CONNECTED", result.Stdout);
        Assert.Equal(5, result.Stdout.Split('\n').Count(l => l.StartsWith("blocked", StringComparison.Ordinal)));
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
            try:
                # Resolves only to the sandbox's own loopback, which nothing on the host listens on.
                print('localhost ->', socket.gethostbyname('localhost'))
            except OSError as e:
                print('localhost blocked', type(e).__name__)
            """);

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.DoesNotContain("RESOLVED", result.Stdout);
        Assert.Contains("blocked example.com gaierror", result.Stdout);
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Run_ForkBomb_IsContainedWhileTheHostStaysResponsive()
    {
        var uid = SandboxUid;
        Assert.SkipWhen(uid is null, "Counting the bomb's processes needs the per-session uid, which is only used when the server is root.");
        await using var run = await Sandbox.StartAsync(Workspace.Script("""
            import os, time
            print('bomb', flush=True)
            while True:
                try:
                    os.fork()
                except OSError:
                    time.sleep(0.001)
            """, TimeSpan.FromSeconds(6)), Ct);

        // While the bomb goes off: its process count stays at the limit and the host still starts processes promptly.
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.OfUid(uid.Value).Count >= 8, TimeSpan.FromSeconds(10), Ct));
        var peak = 0;
        var clock = Stopwatch.StartNew();
        while (!run.Completion.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(3))
        {
            peak = Math.Max(peak, HostProcesses.OfUid(uid.Value).Count);
            using var probe = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
            await probe.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
            await Task.Delay(200, Ct);
        }

        Assert.InRange(peak, 1, Limits.MaxProcesses);

        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(SandboxRunOutcome.TimedOut, result.Outcome);
        Assert.Contains("bomb", result.Stdout);
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.OfUidBesidesASpare(uid.Value).Count == 0, TimeSpan.FromSeconds(10), Ct));
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
    public async Task Run_MemorySpreadOverSeveralProcesses_IsCaughtByTheWatchdog()
    {
        // Each child stays under the per-process limit (1 GiB), but together they hold about 1.4 GiB.
        var result = await RunAsync("""
            import os, time
            for i in range(4):
                if os.fork() == 0:
                    block = bytearray(b'\x01') * (350 * 2**20)
                    time.sleep(60)
                    os._exit(0)
            print('children started', flush=True)
            time.sleep(60)
            """, TimeSpan.FromSeconds(40));

        Assert.Equal(SandboxRunOutcome.Failed, result.Outcome);
        Assert.Null(result.ExitCode);
        Assert.Contains("memory limit", result.Note);
        Assert.Contains("children started", result.Stdout);
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Run_InfiniteLoop_TimesOutKeepingWhatItPrinted()
    {
        var result = await RunAsync(AttackScripts.InfiniteLoop, TimeSpan.FromSeconds(2));

        AttackAssertions.TimedOutKeepingOutput(result);
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
                for path in ['/etc/mledojo-escape', '/usr/mledojo-escape', '../escape.txt', '/escape.txt', {{Py(hostVictim)}}, {{Py(Workspace.OtherSecretPath)}}]:
                    try:
                        open(path, 'w').write('pwned')
                        print('WROTE', path)
                    except OSError as e:
                        print('blocked', path, type(e).__name__)
                # /tmp is private to the run: writing there works but never reaches the host's /tmp.
                open({{Py(hostTmpVictim)}}, 'w').write('pwned')
                print('private tmp ok')
                """);

            Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
            Assert.DoesNotContain("WROTE", result.Stdout);
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
            import subprocess, sys, time
            # A new session: the child leaves the run's process group, as a daemonising library would.
            subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', {{Py(token)}}], start_new_session=True)
            subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', {{Py(token)}}])
            print('children started', flush=True)
            time.sleep(300)
            """), Ct);

        Assert.True(
            await HostProcesses.EventuallyAsync(() => HostProcesses.WithToken(token).Count == 2, TimeSpan.FromSeconds(15), Ct),
            "children did not start");

        await run.KillAsync(Ct);

        var result = await run.Completion;
        Assert.Equal(SandboxRunOutcome.Cancelled, result.Outcome);
        Assert.Contains("children started", result.Stdout);
        Assert.True(
            await HostProcesses.EventuallyAsync(() => HostProcesses.WithToken(token).Count == 0, TimeSpan.FromSeconds(10), Ct),
            "children survived the kill");
        await AssertStillWorksAsync();
    }
    [Fact]
    public async Task Run_CreatingANestedUserNamespace_IsRefused()
    {
        var result = await RunAsync(AttackScripts.NestedUserNamespace);

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.DoesNotContain("LEAK", result.Stdout);
        Assert.Contains("refused unshare -r id", result.Stdout);
        Assert.Contains("refused syscall", result.Stdout);
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Run_ReachingTheTemplateOrASiblingRun_Fails()
    {
        var token = $"mledojo-sibling-{Guid.NewGuid():N}";
        await using var sibling = await Sandbox.StartAsync(Workspace.Script($"import time\nprint('sibling up', {Py(token)}, flush=True)\ntime.sleep(300)\n"), Ct);
        Assert.True(
            await HostProcesses.EventuallyAsync(() => sibling.RecentOutput(5).Any(l => l.Contains(token, StringComparison.Ordinal)), TimeSpan.FromSeconds(60), Ct),
            "the sibling run did not start");

        var result = await RunAsync(AttackScripts.ReachOtherProcesses, TimeSpan.FromSeconds(120));

        Assert.Contains("attack done", result.Stdout);
        Assert.DoesNotContain("REACHED", result.Stdout);
        Assert.False(sibling.Completion.IsCompleted, "the sibling run was killed");
        await sibling.KillAsync(Ct);

        // The session's template (when runs are warm) is untouched: the next run is forked from it, not from a new one.
        var after = await RunAsync("print('still alive')\n");
        Assert.Equal(SandboxRunOutcome.Succeeded, after.Outcome);
        Assert.Null(after.Note);
    }
}
