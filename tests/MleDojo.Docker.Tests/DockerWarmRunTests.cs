using MleDojo.Core.Execution;
using MleDojo.Core.Platform;
using MleDojo.Sandbox.Docker;

namespace MleDojo.Docker.Tests;

/// <summary>
/// Runs forked from the session's warm template in its container behave as <c>python3 script.py</c> in a fresh
/// process (the points of issue 14 that the Docker path can differ on), and agent code cannot reach the template.
/// </summary>
public sealed class DockerWarmRunTests(DockerFixture fixture) : DockerTestBase(fixture)
{
    protected override SandboxLimits Limits => new(MemoryBytes: 1L << 30, Cpus: 2, MaxProcesses: 64, MaxOutputBytes: 1 << 20);

    private DockerSandbox Docker => (DockerSandbox)Sandbox;

    [Fact]
    public async Task Run_OnTheDefaultPath_IsWarmAndSaysSo()
    {
        Assert.SkipUnless(Provider.WarmRuns, "MLEDOJO_TEST_DOCKER_COLD=1 runs the suite cold.");

        var result = await RunAsync("import sys\nprint('numpy' in sys.modules, 'pandas' in sys.modules)\n");

        Assert.True(SandboxRunOutcome.Succeeded == result.Outcome, result.Stderr);
        Assert.Equal(SandboxInterpreter.Warm, result.Interpreter);
        Assert.Contains("True True", result.Stdout);
        Assert.Null(result.Note);
    }

    [Fact]
    public async Task Run_ScriptContextAndIdentity_AreThoseOfAColdRun()
    {
        var result = await RunAsync("""
            import os, sys
            print('name', __name__)
            print('argv', sys.argv)
            print('file', __file__)
            print('cwd', os.getcwd())
            print('path0', sys.path[0])
            print('ids', os.getuid(), os.geteuid(), os.getgid(), os.getgroups())
            print('env', sorted(k for k in os.environ if k != 'HOSTNAME'))
            print('caps', [l.split()[1] for l in open('/proc/self/status') if l.startswith(('CapEff', 'CapPrm'))])
            def fail():
                raise ValueError('boom')
            fail()
            """);

        Assert.Equal(SandboxRunOutcome.Failed, result.Outcome);
        Assert.Equal(1, result.ExitCode);
        const string script = "/workspace/scripts/run-0001.py";
        Assert.Contains("name __main__", result.Stdout);
        Assert.Contains($"argv ['{script}']", result.Stdout);
        Assert.Contains($"file {script}", result.Stdout);
        Assert.Contains("cwd /workspace", result.Stdout);
        Assert.Contains("path0 /workspace/scripts", result.Stdout);
        Assert.Contains("caps ['0000000000000000', '0000000000000000']", result.Stdout);
        var lines = result.Stderr.Split('\n');
        Assert.Equal("Traceback (most recent call last):", lines[0]);
        Assert.StartsWith($"  File \"{script}\", line 12, in <module>", lines[1]);
        Assert.DoesNotContain("runpy", result.Stderr);
        Assert.DoesNotContain("mledojo_warm", result.Stderr);

        // The identity and environment of a cold run of the same session: its exec's.
        var user = Docker.ExecUser.Split(':');
        Assert.Contains($"ids {user[0]} {user[0]} {user[1]} [{user[1]}]", result.Stdout);
        Assert.Contains("env ['HOME', 'LANG', 'MKL_NUM_THREADS', 'MPLBACKEND', 'OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'PATH', 'PYTHONDONTWRITEBYTECODE', 'PYTHONUNBUFFERED']", result.Stdout);
    }

    [Theory]
    [InlineData("import sys\nsys.exit(3)\n", 3, "")]
    [InlineData("import sys\nsys.exit('bad input')\n", 1, "bad input")]
    [InlineData("import os\nprint('to stdout')\nos._exit(7)\n", 7, "")]
    [InlineData("import os, signal\nos.kill(os.getpid(), signal.SIGTERM)\n", 143, "")]
    [InlineData("import ctypes\nctypes.string_at(0)\n", 139, "")]
    public async Task Run_ExitCode_ComesFromTheScriptAndTheTemplateSurvives(string code, int expected, string stderr)
    {
        var result = await RunAsync(code);

        Assert.Equal(expected, result.ExitCode);
        Assert.Contains(stderr, result.Stderr);
        var next = await RunAsync("print('next')\n");
        Assert.Equal(SandboxRunOutcome.Succeeded, next.Outcome);
        Assert.Equal(Provider.WarmRuns ? SandboxInterpreter.Warm : SandboxInterpreter.Cold, next.Interpreter);
        Assert.Null(next.Note);
    }

    [Fact]
    public async Task Run_RandomState_IsNotInheritedAndSeedsStillReproduce()
    {
        const string draw = """
            import random, uuid
            import numpy as np
            print('draw', np.random.rand(), random.random(), uuid.uuid4(), np.random.default_rng().random())
            np.random.seed(0)
            random.seed(0)
            print('seeded', np.random.rand(), random.random())
            """;

        var first = await RunAsync(draw);
        var second = await RunAsync(draw);

        Assert.True(SandboxRunOutcome.Succeeded == first.Outcome, first.Stderr);
        var draws = new[] { first, second }.Select(r => Line(r.Stdout, "draw").Split(' ')).ToArray();
        for (var i = 1; i < draws[0].Length; i++)
        {
            Assert.NotEqual(draws[0][i], draws[1][i]);
        }

        Assert.Equal(Line(first.Stdout, "seeded"), Line(second.Stdout, "seeded"));
    }

    [Fact]
    public async Task Run_AfterTheTemplateDied_GoesColdSaysSoAndTheNextOneIsWarmAgain()
    {
        Assert.SkipUnless(Provider.WarmRuns, "Only warm runs have a template.");
        await RunAsync("print('warm')\n");
        var inside = Docker.WarmTemplatePid;
        Assert.NotNull(inside);
        var host = TemplateHostPid();
        LibC.Kill(host, LibC.SIGKILL);
        Assert.True(await HostProcesses.EventuallyAsync(() => Docker.WarmTemplatePid is null, TimeSpan.FromSeconds(30), Ct), "the template did not die");

        var cold = await RunAsync("print('after the template died')\n");

        Assert.Equal(SandboxRunOutcome.Succeeded, cold.Outcome);
        Assert.Equal(SandboxInterpreter.Cold, cold.Interpreter);
        Assert.Contains("after the template died", cold.Stdout);
        Assert.Contains("warm interpreter had stopped", cold.Note);

        Assert.True(await HostProcesses.EventuallyAsync(() => Docker.WarmTemplatePid is not null, TimeSpan.FromSeconds(90), Ct), "no new template");
        var warm = await RunAsync("print('warm again')\n");
        Assert.Equal(SandboxInterpreter.Warm, warm.Interpreter);
        Assert.Null(warm.Note);
    }

    [Fact]
    public async Task Run_WhoseTemplateDiesUnderIt_EndsAndSaysSo()
    {
        Assert.SkipUnless(Provider.WarmRuns, "Only warm runs have a template.");
        var token = $"mledojo-orphan-{Guid.NewGuid():N}";
        await using var run = await Sandbox.StartAsync(Workspace.Script($$"""
            import subprocess, sys, time
            subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', {{Py(token)}}])
            print('started', flush=True)
            time.sleep(300)
            """), Ct);
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.WithToken(token).Count == 1, TimeSpan.FromSeconds(15), Ct), "child did not start");

        LibC.Kill(TemplateHostPid(), LibC.SIGKILL);
        var result = await run.Completion.WaitAsync(RunWaitLimit, Ct);

        Assert.Equal(SandboxRunOutcome.Failed, result.Outcome);
        Assert.Contains("started", result.Stdout);
        Assert.True(result.Note?.Contains("warm interpreter stopped during this run", StringComparison.Ordinal) == true, $"exit {result.ExitCode}, note {result.Note}, stderr {result.Stderr}");
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.WithToken(token).Count == 0, TimeSpan.FromSeconds(10), Ct), "the run's processes outlived it");
    }

    [Fact]
    public async Task Run_AttackingTheTemplate_FailsAndTheTemplateKeepsServing()
    {
        Assert.SkipUnless(Provider.WarmRuns, "Only warm runs have a template.");
        var pid = Docker.WarmTemplatePid!.Value;

        var result = await RunAsync($$"""
            import ctypes, os, signal
            pid = {{pid}}
            print('template cmdline has marker', b'mledojo-warm-template' in open('/proc/%d/cmdline' % pid, 'rb').read())
            for sig in (signal.SIGKILL, signal.SIGSTOP, signal.SIGTERM, 0):
                try:
                    os.kill(pid, sig)
                    print('LEAK signal', sig)
                except OSError as e:
                    print('blocked signal', int(sig), type(e).__name__)
            libc = ctypes.CDLL(None, use_errno=True)
            for request in (16, 0x4206):  # PTRACE_ATTACH, PTRACE_SEIZE
                if libc.ptrace(request, pid, 0, 0) == 0:
                    print('LEAK ptrace', request)
                else:
                    print('blocked ptrace', request, os.strerror(ctypes.get_errno()))
            for path in ['/proc/%d/mem' % pid, '/proc/%d/environ' % pid, '/proc/%d/root/etc/hostname' % pid]:
                try:
                    open(path, 'r+b' if path.endswith('mem') else 'rb').read(1)
                    print('LEAK', path)
                except OSError as e:
                    print('blocked', path, type(e).__name__)
            # The template's descriptors, its channel among them (through which a run could start runs or forge events).
            for path in ['/proc/%d/fd/%d' % (pid, fd) for fd in range(6)]:
                try:
                    open(path, 'wb').write(b'{}\n')
                    print('LEAK', path)
                except OSError as e:
                    print('blocked', path, type(e).__name__)
            """);

        Assert.True(SandboxRunOutcome.Succeeded == result.Outcome, result.Stderr);
        Assert.DoesNotContain("LEAK", result.Stdout);
        Assert.Contains("template cmdline has marker True", result.Stdout);
        Assert.Equal(4 + 2 + 3 + 6, result.Stdout.Split('\n').Count(l => l.StartsWith("blocked", StringComparison.Ordinal)));
        Assert.Equal(pid, Docker.WarmTemplatePid);
        await AssertStillWorksAsync();
        Assert.Equal(SandboxInterpreter.Warm, (await RunAsync("print(1)\n")).Interpreter);
    }

    [Fact]
    public async Task Run_PrintingMuchOnBothStreams_ComesBackWholeAndInOrder()
    {
        Assert.SkipUnless(Provider.WarmRuns, "Only warm runs are relayed by the template.");

        // Relayed through the template's exec in chunks: nothing may be lost, reordered within a stream, or arrive
        // after the run's end.
        var result = await RunAsync("""
            import sys
            for i in range(20000):
                print('out', i)
                if i % 100 == 0:
                    print('err', i, file=sys.stderr)
            print('last line', flush=True)
            """);

        Assert.True(SandboxRunOutcome.Succeeded == result.Outcome, $"{result.Outcome}: {result.Note} {result.Stderr}");
        Assert.Equal(SandboxInterpreter.Warm, result.Interpreter);
        var stdout = File.ReadAllLines(Path.Combine(Workspace.Path_, result.StdoutLogPath));
        Assert.Equal([.. Enumerable.Range(0, 20000).Select(i => $"out {i}"), "last line"], stdout);
        var stderr = File.ReadAllLines(Path.Combine(Workspace.Path_, result.StderrLogPath));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"err {i * 100}"), stderr);
    }

    [Fact]
    public async Task Run_WarningTheTemplatesRehearsalRaised_IsStillShown()
    {
        // The template fits a LogisticRegression that stops early, with warnings ignored; a run that does the same must
        // still print the warning once, as a fresh interpreter does.
        var result = await RunAsync("""
            import numpy as np
            from sklearn.linear_model import LogisticRegression
            x = np.linspace(0, 1, 40).reshape(-1, 1)
            LogisticRegression(max_iter=1).fit(x, [0, 1] * 20)
            print('fitted')
            """);

        Assert.True(SandboxRunOutcome.Succeeded == result.Outcome, result.Stderr);
        Assert.Equal(Provider.WarmRuns ? SandboxInterpreter.Warm : SandboxInterpreter.Cold, result.Interpreter);
        Assert.Contains("fitted", result.Stdout);
        Assert.Contains("ConvergenceWarning", result.Stderr);
    }

    [Fact]
    public async Task Run_StateOfAnEarlierRun_DoesNotCarryOver()
    {
        var first = await RunAsync("""
            import json, numpy
            numpy.left_behind = 1
            json.left_behind = 1
            print('written')
            """);
        var second = await RunAsync("""
            import json, numpy
            print('numpy', hasattr(numpy, 'left_behind'), 'json', hasattr(json, 'left_behind'))
            """);

        Assert.Contains("written", first.Stdout);
        Assert.Contains("numpy False json False", second.Stdout);
    }

    [Fact]
    public async Task Run_WhoseSpareDied_GoesWarmOnAFreshOne()
    {
        Assert.SkipUnless(Provider.WarmRuns, "Only warm runs have a spare.");
        await RunAsync("print('first')\n");

        // Between runs the agent's uid has exactly the spare in the container: its supervisor and runner.
        Assert.True(await HostProcesses.EventuallyAsync(() => AgentProcesses().Count == 2, TimeSpan.FromSeconds(30), Ct), "no spare");
        foreach (var pid in AgentProcesses())
        {
            LibC.Kill(pid, LibC.SIGKILL);
        }

        await AssertRunsWarmWithoutNoteAsync("after the spare died");
    }

    [Fact]
    public async Task Run_UsingNearlyItsWholeMemoryLimit_IsNotChargedForTheTemplateOrItsSpare()
    {
        Assert.SkipUnless(Provider.WarmRuns, "Only warm runs share the container with a template.");
        await using var small = (DockerSandbox)await Provider.CreateAsync(Workspace.Spec(Limits with { MemoryBytes = 512L << 20 }), Ct);
        Assert.True(await HostProcesses.EventuallyAsync(() => small.WarmTemplatePid is not null, TimeSpan.FromSeconds(90), Ct), "no template");
        await using (var warmUp = await small.StartAsync(Workspace.Script("print('warm')\n"), Ct))
        {
            Assert.Equal(SandboxInterpreter.Warm, (await warmUp.Completion.WaitAsync(RunWaitLimit, Ct)).Interpreter);
        }

        // The container holds the template and, once the next run's spare has copied the template's pages, a second copy
        // of them: both come on top of the session's limit, as a cold run would have imported the modules itself.
        Assert.True(
            await HostProcesses.EventuallyAsync(() => AgentProcesses(small).Any(p => HostProcesses.PrivateDirtyBytes(p) > 40L << 20), TimeSpan.FromSeconds(60), Ct),
            "the spare did not copy the template's pages");
        await using var run = await small.StartAsync(Workspace.Script("""
            import numpy as np
            block = np.ones(448 << 20, dtype=np.uint8)
            print('allocated', int(block.sum()) >> 20, 'MiB')
            """), Ct);
        var result = await run.Completion.WaitAsync(RunWaitLimit, Ct);

        Assert.True(SandboxRunOutcome.Succeeded == result.Outcome, $"{result.Outcome} exit {result.ExitCode}: {result.Note} {result.Stderr}");
        Assert.Equal(SandboxInterpreter.Warm, result.Interpreter);
        Assert.Contains("allocated 448 MiB", result.Stdout);
    }

    /// <summary>The container's processes that run as the agent (between runs: the spare).</summary>
    private List<int> AgentProcesses(DockerSandbox? sandbox = null)
    {
        sandbox ??= Docker;
        var uid = int.Parse(sandbox.ExecUser.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);
        return HostProcesses.InContainer(sandbox.ContainerId).Intersect(HostProcesses.OfUid(uid)).ToList();
    }

    /// <summary>The template's host pid: its pid inside the container is the last one on its NSpid line.</summary>
    private int TemplateHostPid()
    {
        var inside = Docker.WarmTemplatePid!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return HostProcesses.InContainer(ContainerId).Single(p =>
            File.ReadAllLines($"/proc/{p}/status").Single(l => l.StartsWith("NSpid:", StringComparison.Ordinal)).Split('\t').Last() == inside);
    }

    private static string Line(string text, string prefix) => text.Split('\n').Single(l => l.StartsWith(prefix + " ", StringComparison.Ordinal));
}
