using MleDojo.Core.Execution;
using MleDojo.Core.Platform;
using MleDojo.Sandbox.Docker;

namespace MleDojo.Docker.Tests;

/// <summary>What agents rely on in ordinary runs, in a session container.</summary>
public sealed class DockerRunTests(DockerFixture fixture) : DockerTestBase(fixture)
{
    [Fact]
    public void Provider_ReportsFullIsolationAndTheWorkspaceMount()
    {
        Assert.Equal("docker", Provider.Name);
        Assert.True(Provider.Isolation.IsFull, Provider.Isolation.Description);
        Assert.Contains("no network", Provider.Isolation.Description);
        Assert.Equal("/workspace", Sandbox.WorkspaceMountPath);
    }

    [Fact]
    public async Task Run_Succeeding_ReturnsExitCodeZeroStdoutAndLogs()
    {
        var result = await RunAsync("import os\nprint('hello from', os.getcwd())\n");

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.Equal(0, result.ExitCode);
        Assert.Null(result.Note);
        Assert.Equal("hello from /workspace\n", result.Stdout);
        Assert.Equal("logs/run-0001.stdout.log", result.StdoutLogPath);
        Assert.Equal("logs/run-0001.stderr.log", result.StderrLogPath);
        Assert.Equal(result.Stdout, File.ReadAllText(Path.Combine(Workspace.Path_, result.StdoutLogPath)));
    }

    [Fact]
    public async Task Run_Failing_ReturnsItsExitCodeAndStderr()
    {
        var result = await RunAsync("import sys\nprint('before')\nraise ValueError('bad feature')\n");

        Assert.Equal(SandboxRunOutcome.Failed, result.Outcome);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("before", result.Stdout);
        Assert.Contains("ValueError: bad feature", result.Stderr);
        Assert.Contains("ValueError: bad feature", File.ReadAllText(Path.Combine(Workspace.Path_, result.StderrLogPath)));

        var exit = await RunAsync("import sys\nsys.exit(7)\n");
        Assert.Equal(SandboxRunOutcome.Failed, exit.Outcome);
        Assert.Equal(7, exit.ExitCode);

        var signal = await RunAsync("import os, signal\nprint('x', flush=True)\nos.kill(os.getpid(), signal.SIGKILL)\n");
        Assert.Equal(SandboxRunOutcome.Failed, signal.Outcome);
        Assert.Equal(137, signal.ExitCode);
        Assert.Contains("SIGKILL", signal.Note);
    }

    [Fact]
    public async Task Run_WritingAcrossTheWorkspace_OnlyOutputAndNewFilesAreWritable()
    {
        var result = await RunAsync("""
            import os
            print(open('input/train.csv').read().splitlines()[0])
            for attempt, action in [
                ('write', lambda: open('input/new.csv', 'w').write('x')),
                ('append', lambda: open('input/train.csv', 'a').write('x')),
                ('remove', lambda: os.remove('input/train.csv')),
                ('chmod', lambda: os.chmod('input/train.csv', 0o777)),
                ('rename', lambda: os.rename('input', 'input2')),
                ('delete server script', lambda: os.remove('scripts/run-0001.py')),
                ('write into logs', lambda: open('logs/fake.log', 'w').write('x')),
            ]:
                try:
                    action()
                    print(attempt, 'ALLOWED')
                except OSError as e:
                    print(attempt, 'blocked', type(e).__name__)
            os.makedirs('output/sub', exist_ok=True)
            open('output/submission.csv', 'w').write('id,y\n1,0\n')
            open('model.txt', 'w').write('weights')
            """);

        Assert.True(result.Outcome == SandboxRunOutcome.Succeeded, result.Stderr);
        Assert.StartsWith("id,x,y\n", result.Stdout);
        Assert.DoesNotContain("ALLOWED", result.Stdout);
        Assert.Equal(7, result.Stdout.Split('\n').Count(l => l.Contains("blocked", StringComparison.Ordinal)));
        Assert.Equal("id,x,y\n1,2,3\n", File.ReadAllText(Path.Combine(Workspace.Path_, "input", "train.csv")));
        Assert.Equal("id,y\n1,0\n", File.ReadAllText(Path.Combine(Workspace.Path_, "output", "submission.csv")));
        Assert.Equal("weights", File.ReadAllText(Path.Combine(Workspace.Path_, "model.txt")));
        Assert.True(File.Exists(Path.Combine(Workspace.Path_, "scripts", "run-0001.py")));
    }

    [Fact]
    public async Task Run_AgentCode_IsAnUnprivilegedUserWithoutCapabilities()
    {
        var result = await RunAsync("""
            import os, signal
            status = dict(line.split(':', 1) for line in open('/proc/self/status').read().splitlines())
            for key in ['Uid', 'Gid', 'CapEff', 'CapPrm', 'CapBnd', 'CapAmb', 'NoNewPrivs']:
                print(key, ' '.join(status[key].split()))
            print('oom', open('/proc/self/oom_score_adj').read().strip())
            try:
                os.kill(1, signal.SIGKILL)
                print('init SIGNALLED')
            except OSError as e:
                print('init', type(e).__name__)
            print('readonly root', os.statvfs('/').f_flag & os.ST_RDONLY != 0)
            import getpass; print('user', getpass.getuser())
            """);

        Assert.True(result.Outcome == SandboxRunOutcome.Succeeded, result.Stderr);
        Assert.Contains("Uid 1000 1000 1000 1000", result.Stdout);
        Assert.Contains("Gid 1000 1000 1000 1000", result.Stdout);
        Assert.Contains("CapEff 0000000000000000", result.Stdout);
        Assert.Contains("CapPrm 0000000000000000", result.Stdout);
        // A container hosting a warm template keeps CAP_SETUID and CAP_SETGID (0xc0) in its bounding set, for the
        // template's root; with no permitted, effective, inheritable or ambient capability and no_new_privs, agent code
        // can never gain them (no set-uid or file-capability exec raises anything).
        Assert.Contains(Provider.WarmRuns ? "CapBnd 00000000000000c0" : "CapBnd 0000000000000000", result.Stdout);
        Assert.Contains("CapAmb 0000000000000000", result.Stdout);
        Assert.Contains("NoNewPrivs 1", result.Stdout);
        Assert.Contains("oom 1000", result.Stdout);
        Assert.Contains("init PermissionError", result.Stdout);
        Assert.Contains("readonly root True", result.Stdout);
        Assert.Contains("user agent", result.Stdout);
    }

    [Fact]
    public async Task Run_Environment_IsScrubbedAndSizedToTheCpuLimit()
    {
        var environment = await ScrubbedEnvironment.CaptureAsync(code => RunAsync(code));
        string[] allowed =
        [
            .. ScrubbedEnvironment.SetBySandbox,

            // Set by the engine (the container's host name) and by Python's locale coercion, not taken from the host.
            "HOSTNAME", "LC_CTYPE",
        ];
        Assert.Empty(environment.Keys.Except(allowed));
        Assert.Equal("1", environment["OMP_NUM_THREADS"]);
        Assert.Equal("/tmp", environment["HOME"]);
        Assert.Equal("sandbox", environment["HOSTNAME"]);
    }

    [Fact]
    public async Task Run_ScientificStack_WorksInsideTheContainer()
    {
        var result = await RunAsync("""
            import numpy as np, pandas as pd, scipy, xgboost
            from sklearn.linear_model import LogisticRegression
            df = pd.read_csv('input/train.csv')
            X = np.random.RandomState(0).rand(200, 3); y = (X[:, 0] > 0.5).astype(int)
            print('acc', LogisticRegression().fit(X, y).score(X, y) > 0.9, len(df))
            print('xgb', xgboost.XGBClassifier(n_estimators=5, n_jobs=1).fit(X, y).predict(X[:2]).shape)
            """, TimeSpan.FromSeconds(60));

        Assert.True(result.Outcome == SandboxRunOutcome.Succeeded, result.Stderr);
        Assert.Contains("acc True 1", result.Stdout);
        Assert.Contains("xgb (2,)", result.Stdout);
    }

    [Fact]
    public async Task Run_MultiprocessingAndBackgroundProcesses_WorkAndEndWithTheRun()
    {
        var token = $"mledojo-background-{Guid.NewGuid():N}";
        var result = await RunAsync($$"""
            import os, subprocess, sys
            from multiprocessing import Pool
            if __name__ == '__main__':
                with Pool(2) as pool:
                    print('pool', sum(pool.map(abs, range(-5, 5))))
                subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', {{Py(token)}}], start_new_session=True)
                print('left a background process')
            """, TimeSpan.FromSeconds(60));

        Assert.True(result.Outcome == SandboxRunOutcome.Succeeded, result.Stderr);
        Assert.Contains("pool 25", result.Stdout);
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.WithToken(token).Count == 0, TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task Run_SecondRunInASession_ReusesTheWarmContainer()
    {
        var container = ContainerId;
        var first = await RunAsync("open('/tmp/state.txt', 'w').write('kept')\nprint('written')\n");
        var second = await RunAsync("print(open('/tmp/state.txt').read())\n");

        Assert.Equal(SandboxRunOutcome.Succeeded, first.Outcome);
        Assert.Equal("kept\n", second.Stdout);
        Assert.Equal(container, ContainerId);
    }

    [Fact]
    public async Task RecentOutput_WhileRunning_ShowsTheNewestLinesAndACancelledRunKeepsThem()
    {
        await using var run = await Sandbox.StartAsync(Workspace.Script("""
            import time
            for i in range(1, 4):
                print('line', i)
            print('progress 10%\rprogress 50%', end='', flush=True)
            time.sleep(120)
            """), Ct);

        var seen = await HostProcesses.EventuallyAsync(() => run.RecentOutput(10).Contains("progress 50%"), TimeSpan.FromSeconds(15), Ct);
        Assert.True(seen, string.Join(" | ", run.RecentOutput(10)));
        Assert.Equal(["line 1", "line 2", "line 3", "progress 50%"], run.RecentOutput(10));
        Assert.False(run.Completion.IsCompleted);

        await run.KillAsync(Ct);
        var result = await run.Completion;
        Assert.Equal(SandboxRunOutcome.Cancelled, result.Outcome);
        Assert.Null(result.ExitCode);
        Assert.Contains("line 3", result.Stdout);
    }

    [Fact]
    public async Task Kill_OneOfTwoRuns_LeavesTheOtherAlone()
    {
        await using var victim = await Sandbox.StartAsync(Workspace.Script("import time\nprint('victim up', flush=True)\ntime.sleep(120)\n"), Ct);
        await using var survivor = await Sandbox.StartAsync(Workspace.Script("import time\nprint('survivor up', flush=True)\ntime.sleep(3)\nprint('survivor done')\n"), Ct);
        Assert.True(await HostProcesses.EventuallyAsync(() => victim.RecentOutput(1).Contains("victim up") && survivor.RecentOutput(1).Contains("survivor up"), TimeSpan.FromSeconds(15), Ct));

        await victim.KillAsync(Ct);

        Assert.Equal(SandboxRunOutcome.Cancelled, (await victim.Completion).Outcome);
        var result = await survivor.Completion.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.Contains("survivor done", result.Stdout);
    }

    [Fact]
    public async Task StartAsync_InvalidRequests_AreRefused()
    {
        await Assert.ThrowsAsync<SandboxException>(() =>
            Sandbox.StartAsync(new SandboxRunRequest("run-x", "missing.py", TimeSpan.FromSeconds(5), "logs"), Ct));
        await Assert.ThrowsAsync<WorkspacePathException>(() =>
            Sandbox.StartAsync(new SandboxRunRequest("run-x", "../outside.py", TimeSpan.FromSeconds(5), "logs"), Ct));
        await Assert.ThrowsAsync<SandboxException>(() =>
            Sandbox.StartAsync(new SandboxRunRequest("../run", "scripts/x.py", TimeSpan.FromSeconds(5), "logs"), Ct));

        var request = Workspace.Script("import time\ntime.sleep(60)\n");
        await using var first = await Sandbox.StartAsync(request, Ct);
        await Assert.ThrowsAsync<SandboxException>(() => Sandbox.StartAsync(request, Ct));
        await first.KillAsync(Ct);
    }

    [Fact]
    public async Task Run_AfterTheContainerDied_ReplacesItAndSaysSo()
    {
        var before = ContainerId;
        await using (var engine = DockerEngine.Connect(DockerEndpoint.Resolve(new DockerSandboxOptions(), Environment.GetEnvironmentVariable), TimeSpan.FromSeconds(30)))
        {
            await engine.KillContainerAsync(before, Ct);
        }

        var result = await RunAsync("print('in a new container')\n");

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.Contains("in a new container", result.Stdout);
        Assert.Contains("container had stopped", result.Note);
        Assert.NotEqual(before, ContainerId);
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task Run_ContainerKilledMidRun_FailsWithANote()
    {
        await using var run = await Sandbox.StartAsync(Workspace.Script("import time\nprint('up', flush=True)\ntime.sleep(120)\n"), Ct);
        Assert.True(await HostProcesses.EventuallyAsync(() => run.RecentOutput(1).Contains("up"), TimeSpan.FromSeconds(15), Ct));
        await using (var engine = DockerEngine.Connect(DockerEndpoint.Resolve(new DockerSandboxOptions(), Environment.GetEnvironmentVariable), TimeSpan.FromSeconds(30)))
        {
            await engine.KillContainerAsync(ContainerId, Ct);
        }

        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(SandboxRunOutcome.Failed, result.Outcome);
        Assert.Contains("up", result.Stdout);
        Assert.Contains("container stopped during the run", result.Note);

        var next = await RunAsync("print('back')\n");
        Assert.Equal(SandboxRunOutcome.Succeeded, next.Outcome);
        Assert.Contains("container had stopped", next.Note);
    }

    [Fact]
    public async Task Run_PlantedLogSymlinks_AreNeverFollowed()
    {
        var victim = Path.Combine(Workspace.Root, "victim.txt");
        File.WriteAllText(victim, "original");
        var logs = Path.Combine(Workspace.Path_, "logs");
        Directory.CreateDirectory(logs);
        File.CreateSymbolicLink(Path.Combine(logs, "run-0001.stdout.log"), victim);

        var result = await RunAsync("print('agent output')\n");

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.Equal("original", File.ReadAllText(victim));
        Assert.Equal("agent output\n", File.ReadAllText(Path.Combine(logs, "run-0001.stdout.log")));
    }
}
