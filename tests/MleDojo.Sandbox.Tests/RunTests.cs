using MleDojo.Core.Execution;
using MleDojo.Core.Platform;
using MleDojo.Sandbox.Local;

namespace MleDojo.Sandbox.Tests;

/// <summary>What agents rely on in ordinary runs.</summary>
public sealed class RunTests(SandboxFixture fixture) : LocalSandboxTestBase(fixture)
{
    [Fact]
    public void Provider_ReportsFullBubblewrapIsolation()
    {
        Assert.Equal("local", Provider.Name);
        Assert.Equal(LocalIsolationMode.Bubblewrap, Provider.Mode);
        Assert.True(Provider.Isolation.IsFull, Provider.Isolation.Description);
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
    }

    [Fact]
    public async Task Run_ChangingInput_IsBlockedWhileReadingWorks()
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
            ]:
                try:
                    action()
                    print(attempt, 'ALLOWED')
                except OSError as e:
                    print(attempt, 'blocked', type(e).__name__)
            """);

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.StartsWith("id,x,y\n", result.Stdout);
        Assert.DoesNotContain("ALLOWED", result.Stdout);
        Assert.Equal(5, result.Stdout.Split('\n').Count(l => l.Contains("blocked", StringComparison.Ordinal)));
        Assert.Equal("id,x,y\n1,2,3\n", File.ReadAllText(Path.Combine(Workspace.Path_, "input", "train.csv")));
        Assert.False(File.Exists(Path.Combine(Workspace.Path_, "input", "new.csv")));
    }

    [Fact]
    public async Task Run_WritingOutputAndNewFiles_WorksWhileServerFilesAreProtected()
    {
        Assert.SkipWhen(SandboxUid is null, "Server files are only protected from agent code when it runs under its own uid (server is root).");
        var result = await RunAsync("""
            import os
            os.makedirs('output/sub', exist_ok=True)
            open('output/submission.csv', 'w').write('id,y\n1,0\n')
            open('model.txt', 'w').write('weights')
            for attempt, action in [
                ('delete server script', lambda: os.remove('scripts/run-0001.py')),
                ('rename logs', lambda: os.rename('logs', 'logs-moved')),
                ('write into logs', lambda: open('logs/fake.log', 'w').write('x')),
            ]:
                try:
                    action()
                    print(attempt, 'ALLOWED')
                except OSError as e:
                    print(attempt, 'blocked')
            """);

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.Equal("id,y\n1,0\n", File.ReadAllText(Path.Combine(Workspace.Path_, "output", "submission.csv")));
        Assert.Equal("weights", File.ReadAllText(Path.Combine(Workspace.Path_, "model.txt")));
        Assert.DoesNotContain("ALLOWED", result.Stdout);
        Assert.True(File.Exists(Path.Combine(Workspace.Path_, "scripts", "run-0001.py")));
    }

    [Fact]
    public async Task Run_AgentCode_IsUnprivilegedAndDiesFirstUnderMemoryPressure()
    {
        var result = await RunAsync("""
            import os
            status = dict(line.split(':', 1) for line in open('/proc/self/status').read().splitlines())
            for key in ['Uid', 'Gid', 'Groups', 'CapEff', 'CapPrm', 'CapBnd', 'CapAmb', 'NoNewPrivs']:
                print(key, ' '.join(status[key].split()))
            print('oom', open('/proc/self/oom_score_adj').read().strip())
            print('pids', sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))
            """);

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.Contains("CapEff 0000000000000000", result.Stdout);
        Assert.Contains("CapPrm 0000000000000000", result.Stdout);
        Assert.Contains("CapAmb 0000000000000000", result.Stdout);
        Assert.Contains("oom 1000", result.Stdout);
        if (SandboxUid is { } uid)
        {
            Assert.Contains($"Uid {uid} {uid} {uid} {uid}", result.Stdout);
            Assert.Contains("CapBnd 0000000000000000", result.Stdout);
            Assert.Contains("NoNewPrivs 1", result.Stdout);
        }

        // Its own pid namespace: bubblewrap's init (1) and the script (2); no host process is visible.
        Assert.Contains("pids [1, 2]", result.Stdout);
    }

    [Fact]
    public async Task Run_Environment_IsScrubbedAndSizedToTheCpuLimit()
    {
        var environment = await ScrubbedEnvironment.CaptureAsync(code => RunAsync(code));
        string[] allowed =
        [
            .. ScrubbedEnvironment.SetBySandbox,

            // Set by bubblewrap's --chdir and by Python's locale coercion, not taken from the host.
            "PWD", "LC_CTYPE",
        ];
        Assert.Empty(environment.Keys.Except(allowed));
        Assert.Equal("1", environment["OMP_NUM_THREADS"]);
        Assert.Equal("1", environment["OPENBLAS_NUM_THREADS"]);
        Assert.Equal("1", environment["MKL_NUM_THREADS"]);
        Assert.Equal("/tmp", environment["HOME"]);
        Assert.Equal("C.UTF-8", environment["LANG"]);
        Assert.Equal("Agg", environment["MPLBACKEND"]);
    }

    [Fact]
    public async Task Run_ScientificStack_WorksInsideTheSandbox()
    {
        var result = await RunAsync("""
            import numpy as np, pandas as pd
            from sklearn.linear_model import LogisticRegression
            import matplotlib.pyplot as plt
            df = pd.read_csv('input/train.csv')
            X = np.random.RandomState(0).rand(200, 3); y = (X[:, 0] > 0.5).astype(int)
            print('acc', LogisticRegression().fit(X, y).score(X, y) > 0.9, len(df))
            plt.plot([1, 2]); plt.savefig('output/plot.png')
            import getpass; print('user', getpass.getuser())
            """);

        Assert.True(result.Outcome == SandboxRunOutcome.Succeeded, result.Stderr);
        Assert.Contains("acc True 1", result.Stdout);
        Assert.Contains("user agent", result.Stdout);
        Assert.True(File.Exists(Path.Combine(Workspace.Path_, "output", "plot.png")));
    }

    [Fact]
    public async Task Run_MultiprocessingAndJoblib_WorkInsideTheSandbox()
    {
        var result = await RunAsync("""
            import os
            from multiprocessing import Pool
            from joblib import Parallel, delayed
            if __name__ == '__main__':
                with Pool(2) as pool:
                    print('pool', sum(pool.map(abs, range(-5, 5))))
                print('joblib', sum(Parallel(n_jobs=2)(delayed(abs)(i) for i in range(-5, 5))))
                print('cpus', os.cpu_count() >= 1)
            """, TimeSpan.FromSeconds(60));

        Assert.True(result.Outcome == SandboxRunOutcome.Succeeded, result.Stderr);
        Assert.Contains("pool 25", result.Stdout);
        Assert.Contains("joblib 25", result.Stdout);
        Assert.Contains("cpus True", result.Stdout);
    }

    [Fact]
    public async Task Run_KilledBySignal_SaysWhichSignal()
    {
        var result = await RunAsync("import os, signal\nprint('x', flush=True)\nos.kill(os.getpid(), signal.SIGKILL)\n");

        Assert.Equal(SandboxRunOutcome.Failed, result.Outcome);
        Assert.Equal(137, result.ExitCode);
        Assert.Contains("SIGKILL", result.Note);
    }

    [Fact]
    public async Task RecentOutput_WhileRunning_ShowsTheNewestLines()
    {
        await using var run = await Sandbox.StartAsync(Workspace.Script("""
            import time
            for i in range(1, 4):
                print('line', i)
            print('progress 10%\rprogress 50%', end='', flush=True)
            time.sleep(120)
            """), Ct);

        var seen = await HostProcesses.EventuallyAsync(
            () => run.RecentOutput(10).Contains("progress 50%"), TimeSpan.FromSeconds(15), Ct);
        Assert.True(seen, string.Join(" | ", run.RecentOutput(10)));
        Assert.Equal(["line 1", "line 2", "line 3", "progress 50%"], run.RecentOutput(10));
        Assert.Equal(["line 3", "progress 50%"], run.RecentOutput(2));
        Assert.False(run.Completion.IsCompleted);

        await run.KillAsync(Ct);
        var result = await run.Completion;
        Assert.Equal(SandboxRunOutcome.Cancelled, result.Outcome);
        Assert.Null(result.ExitCode);
        Assert.Contains("line 3", result.Stdout);
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
        var log = new FileInfo(Path.Combine(logs, "run-0001.stdout.log"));
        Assert.Null(log.LinkTarget);
        Assert.Equal("agent output\n", File.ReadAllText(log.FullName));

        // A log directory that is a symlink is refused rather than followed.
        Directory.CreateSymbolicLink(Path.Combine(Workspace.Path_, "logs2"), Workspace.Root);
        var request = Workspace.Script("print(1)\n") with { LogDirectory = "logs2" };
        await Assert.ThrowsAsync<WorkspacePathException>(() => Sandbox.StartAsync(request, Ct));
        Assert.False(File.Exists(Path.Combine(Workspace.Root, request.RunId + ".stdout.log")));
    }

    [Fact]
    public async Task DisposeAsync_WithARunGoing_KillsTheRun()
    {
        var run = await Sandbox.StartAsync(Workspace.Script("import time\nprint('up', flush=True)\ntime.sleep(120)\n"), Ct);
        Assert.True(await HostProcesses.EventuallyAsync(() => run.RecentOutput(1).Contains("up"), TimeSpan.FromSeconds(15), Ct));

        await Sandbox.DisposeAsync();

        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(15), Ct);
        Assert.Equal(SandboxRunOutcome.Cancelled, result.Outcome);
        await Assert.ThrowsAsync<SandboxException>(() => Sandbox.StartAsync(Workspace.Script("print(1)\n"), Ct));
    }
}
