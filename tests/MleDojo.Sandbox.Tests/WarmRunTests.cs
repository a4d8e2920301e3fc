using MleDojo.Core.Execution;
using MleDojo.Sandbox.Local;

namespace MleDojo.Sandbox.Tests;

/// <summary>
/// Runs forked from the session's warm template behave as <c>python3 script.py</c> in a fresh process: each point of
/// issue 14, on the default (warm) path. They need bubblewrap, which is where runs go warm.
/// </summary>
public sealed class WarmRunTests(SandboxFixture fixture) : LocalSandboxTestBase(fixture)
{
    protected override SandboxLimits Limits => TestWorkspace.DefaultLimits with { Cpus = 2 };

    private bool IsWarm => Provider.WarmRuns;

    [Fact]
    public async Task Run_OnTheDefaultPath_IsWarmAndSaysSo()
    {
        Assert.SkipUnless(IsWarm, "Runs go warm only under bubblewrap.");

        var result = await RunAsync("import sys\nprint('numpy' in sys.modules, 'pandas' in sys.modules)\n");

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.Equal(SandboxInterpreter.Warm, result.Interpreter);
        Assert.Contains("True True", result.Stdout);
    }

    [Fact]
    public async Task Run_ScriptContext_IsThatOfAFreshInterpreter()
    {
        var result = await RunAsync("""
            import os, sys
            print('name', __name__)
            print('argv', sys.argv)
            print('file', __file__)
            print('cwd', os.getcwd())
            print('path0', sys.path[0])
            def fail():
                raise ValueError('boom')
            fail()
            """);

        Assert.Equal(SandboxRunOutcome.Failed, result.Outcome);
        Assert.Equal(1, result.ExitCode);
        var script = Provider.Mode == LocalIsolationMode.Bubblewrap ? "/workspace/scripts/run-0001.py" : Path.Combine(Workspace.Path_, "scripts/run-0001.py");
        Assert.Contains("name __main__", result.Stdout);
        Assert.Contains($"argv ['{script}']", result.Stdout);
        Assert.Contains($"file {script}", result.Stdout);
        Assert.Contains($"path0 {Path.GetDirectoryName(script)}", result.Stdout);

        // The traceback starts at the script, as a fresh interpreter's does: no template or runpy frames.
        var lines = result.Stderr.Split('\n');
        Assert.Equal("Traceback (most recent call last):", lines[0]);
        Assert.StartsWith($"  File \"{script}\", line 9, in <module>", lines[1]);
        Assert.Contains("ValueError: boom", result.Stderr);
        Assert.DoesNotContain("runpy", result.Stderr);
        Assert.DoesNotContain("mledojo_warm_template", result.Stderr);
    }

    [Theory]
    [InlineData("import sys\nsys.exit(3)\n", 3, "")]
    [InlineData("import sys\nsys.exit('bad input')\n", 1, "bad input")]
    [InlineData("raise SystemExit\n", 0, "")]
    [InlineData("import atexit\natexit.register(lambda: print('atexit ran'))\n", 0, "")]
    public async Task Run_ExitCode_ComesFromSysExitOrException(string code, int expected, string stderr)
    {
        var result = await RunAsync(code);

        Assert.Equal(expected, result.ExitCode);
        Assert.Contains(stderr, result.Stderr);
        if (code.Contains("atexit", StringComparison.Ordinal))
        {
            Assert.Contains("atexit ran", result.Stdout);
        }
    }

    [Fact]
    public async Task Run_OsExit_KeepsWhatWasPrintedUnbuffered()
    {
        var result = await RunAsync("import os, sys\nprint('to stdout')\nprint('to stderr', file=sys.stderr)\nos._exit(7)\n");

        Assert.Equal(7, result.ExitCode);
        Assert.Contains("to stdout", result.Stdout);
        Assert.Contains("to stderr", result.Stderr);
    }

    [Theory]
    [InlineData("import os, signal\nos.kill(os.getpid(), signal.SIGTERM)\n", 143, "signal 15")]
    [InlineData("import ctypes\nprint('before', flush=True)\nctypes.string_at(0)\n", 139, "signal 11")]
    public async Task Run_EndedBySignalOrSegfault_ReportsTheSignalAndTheTemplateSurvives(string code, int exitCode, string note)
    {
        var result = await RunAsync(code);

        Assert.Equal(SandboxRunOutcome.Failed, result.Outcome);
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(note, result.Note);

        var next = await RunAsync("print('next')\n");
        Assert.Equal(SandboxRunOutcome.Succeeded, next.Outcome);
        Assert.Null(next.Note);
    }

    [Fact]
    public async Task Run_RandomState_IsNotInheritedAndSeedsStillReproduce()
    {
        const string draw = """
            import os, random, uuid
            import numpy as np
            print('draw', np.random.rand(), random.random(), uuid.uuid4(), np.random.default_rng().random())
            np.random.seed(0)
            random.seed(0)
            print('seeded', np.random.rand(), random.random())
            """;

        var first = await RunAsync(draw);
        var second = await RunAsync(draw);

        Assert.Equal(SandboxRunOutcome.Succeeded, first.Outcome);
        var draws = new[] { first, second }.Select(r => Line(r.Stdout, "draw").Split(' ')).ToArray();
        for (var i = 1; i < draws[0].Length; i++)
        {
            Assert.NotEqual(draws[0][i], draws[1][i]);
        }

        Assert.Equal(Line(first.Stdout, "seeded"), Line(second.Stdout, "seeded"));
    }

    [Fact]
    public async Task Run_ThreadPools_WorkInTheChild()
    {
        var result = await RunAsync("""
            import multiprocessing as mp
            import numpy as np
            import sklearn.ensemble
            from threadpoolctl import threadpool_info
            from sklearn.datasets import make_classification
            from sklearn.ensemble import RandomForestClassifier
            import xgboost

            def square(x):
                return x * x

            if __name__ == '__main__':
                a = np.random.rand(400, 400)
                print('matmul', np.allclose(a @ np.eye(400), a))
                print('openmp threads', sorted({p['num_threads'] for p in threadpool_info() if p['user_api'] == 'openmp'}))
                X, y = make_classification(n_samples=300, random_state=0)
                print('forest', RandomForestClassifier(n_estimators=20, n_jobs=2, random_state=0).fit(X, y).score(X, y) > 0.9)
                booster = xgboost.XGBClassifier(n_estimators=10, nthread=2).fit(X, y)
                print('xgboost', booster.score(X, y) > 0.9)
                for method in ('fork', 'spawn'):
                    with mp.get_context(method).Pool(2) as pool:
                        print(method, pool.map(square, [1, 2, 3]))
            """, TimeSpan.FromSeconds(300));

        Assert.True(SandboxRunOutcome.Succeeded == result.Outcome, result.Stderr);
        Assert.Contains("matmul True", result.Stdout);
        Assert.Contains("openmp threads [2]", result.Stdout);
        Assert.Contains("forest True", result.Stdout);
        Assert.Contains("xgboost True", result.Stdout);
        Assert.Contains("fork [1, 4, 9]", result.Stdout);
        Assert.Contains("spawn [1, 4, 9]", result.Stdout);
    }

    [Fact]
    public async Task Run_SettingOmpNumThreadsBeforeImports_SizesThePool()
    {
        var result = await RunAsync("""
            import os
            os.environ['OMP_NUM_THREADS'] = '1'
            import sklearn.ensemble
            from threadpoolctl import threadpool_info
            print('openmp threads', sorted({p['num_threads'] for p in threadpool_info() if p['user_api'] == 'openmp'}))
            """);

        Assert.True(SandboxRunOutcome.Succeeded == result.Outcome, result.Stderr);
        Assert.Contains("openmp threads [1]", result.Stdout);
    }

    [Fact]
    public async Task Run_ImportTheTemplateDidNotPreload_Works()
    {
        var result = await RunAsync("import sys\nprint('before', 'sqlite3' in sys.modules)\nimport sqlite3\nprint('after', sqlite3.connect(':memory:').execute('select 41 + 1').fetchone())\n");

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.Contains("before False", result.Stdout);
        Assert.Contains("after (42,)", result.Stdout);
    }

    [Fact]
    public async Task Run_WorkspaceModules_ImportButCannotShadowPreloadedOnes()
    {
        Assert.SkipUnless(IsWarm, "The shadowing rule is the warm path's (cold runs import whatever is first on sys.path).");
        Directory.CreateDirectory(Path.Combine(Workspace.Path_, "scripts"));
        File.WriteAllText(Path.Combine(Workspace.Path_, "scripts", "helper_module.py"), "VALUE = 'helper imported'\n");
        File.WriteAllText(Path.Combine(Workspace.Path_, "scripts", "pandas.py"), "raise RuntimeError('the workspace pandas')\n");

        var result = await RunAsync("import helper_module, pandas\nprint(helper_module.VALUE)\nprint('pandas from', pandas.__file__)\n");

        Assert.True(SandboxRunOutcome.Succeeded == result.Outcome, result.Stderr);
        Assert.Contains("helper imported", result.Stdout);
        Assert.Contains("pandas from /usr/lib/python3/dist-packages/pandas/__init__.py", result.Stdout);
    }

    [Fact]
    public async Task Run_StateOfAnEarlierRun_DoesNotCarryOver()
    {
        var first = await RunAsync("""
            import json, numpy
            numpy.left_behind = 1
            json.left_behind = 1
            open('/tmp/left-behind', 'w').write('x')
            open('/dev/shm/left-behind', 'w').write('x')
            print('written')
            """);
        var second = await RunAsync("""
            import json, os, numpy
            print('numpy', hasattr(numpy, 'left_behind'), 'json', hasattr(json, 'left_behind'))
            print('tmp', os.listdir('/tmp'), 'shm', os.listdir('/dev/shm'))
            """);

        Assert.Contains("written", first.Stdout);
        Assert.Contains("numpy False json False", second.Stdout);
        Assert.Contains("tmp [] shm []", second.Stdout);
    }

    [Fact]
    public async Task Run_AfterTheTemplateDied_StartsANewOneAndSaysSo()
    {
        Assert.SkipUnless(IsWarm, "Only warm runs have a template.");
        await RunAsync("print('warm')\n");
        var root = ((LocalSandbox)Sandbox).WarmTemplateRootPid;
        Assert.NotNull(root);
        MleDojo.Core.Platform.LibC.Kill(root.Value, MleDojo.Core.Platform.LibC.SIGKILL);
        Assert.True(
            await HostProcesses.EventuallyAsync(() => !Directory.Exists($"/proc/{root.Value}"), TimeSpan.FromSeconds(30), Ct),
            "the template did not die");

        var result = await RunAsync("print('after the restart')\n");

        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.Equal(SandboxInterpreter.Warm, result.Interpreter);
        Assert.Contains("after the restart", result.Stdout);
        Assert.Contains("warm interpreter had stopped", result.Note);
    }

    [Fact]
    public async Task Run_SharingTheTemplatesPages_IsNotChargedForThem()
    {
        Assert.SkipUnless(IsWarm, "Only warm runs share a template's pages.");
        // A limit below the template's own size: proportional accounting over twelve processes that each map the
        // template's whole heap would charge the run almost all of it.
        await using var small = await Provider.CreateAsync(Workspace.Spec(Limits with { MemoryBytes = 64L << 20 }), Ct);
        await using (var warmRun = await small.StartAsync(Workspace.Script("print('warm')\n"), Ct))
        {
            Assert.Equal(SandboxRunOutcome.Succeeded, (await warmRun.Completion.WaitAsync(RunWaitLimit, Ct)).Outcome);
        }

        // The next run is the session's spare: once it has copied the template's pages, it holds more privately than
        // the run's whole limit, and none of it may count.
        if (((LocalSandbox)small).Identity?.Uid is { } uid)
        {
            Assert.True(
                await HostProcesses.EventuallyAsync(() => HostProcesses.OfUid(uid).Any(p => HostProcesses.PrivateDirtyBytes(p) > 64L << 20), TimeSpan.FromSeconds(60), Ct),
                "the spare did not copy the template's pages");
        }

        await using var run = await small.StartAsync(Workspace.Script("""
            import os, time
            children = []
            for _ in range(12):
                pid = os.fork()
                if pid == 0:
                    time.sleep(3)
                    os._exit(0)
                children.append(pid)
            for pid in children:
                os.waitpid(pid, 0)
            print('all done')
            """), Ct);
        var result = await run.Completion.WaitAsync(RunWaitLimit, Ct);

        Assert.True(SandboxRunOutcome.Succeeded == result.Outcome, result.Note);
        Assert.Contains("all done", result.Stdout);
    }

    [Fact]
    public async Task Run_WhoseSpareDied_GoesWarmOnAFreshOne()
    {
        Assert.SkipUnless(IsWarm, "Only warm runs have a spare.");
        var uid = SandboxUid;
        Assert.SkipWhen(uid is null, "Finding the spare's processes needs the per-session uid, which is only used when the server is root.");
        await RunAsync("print('first')\n");

        // Between runs the session's uid has exactly the spare: its init and runner.
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.OfUid(uid.Value).Count == 2, TimeSpan.FromSeconds(30), Ct), "no spare");
        foreach (var pid in HostProcesses.OfUid(uid.Value))
        {
            MleDojo.Core.Platform.LibC.Kill(pid, MleDojo.Core.Platform.LibC.SIGKILL);
        }

        await AssertRunsWarmWithoutNoteAsync("after the spare died");
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
        Assert.Contains("fitted", result.Stdout);
        Assert.Contains("ConvergenceWarning", result.Stderr);
    }

    [Fact]
    public async Task Sandbox_BeyondTheWarmTemplateCap_RunsCold()
    {
        Assert.SkipUnless(IsWarm, "Only bubblewrap runs go warm.");
        var capped = await LocalSandboxProvider.ProbeAsync(new LocalSandboxOptions { MaxWarmTemplates = 1, WarmStartWait = TimeSpan.FromMinutes(3) }, Ct);
        await using var first = await capped.CreateAsync(Workspace.Spec(Limits), Ct);
        await using var second = await capped.CreateAsync(Workspace.Spec(Limits), Ct);

        await using var warmRun = await first.StartAsync(Workspace.Script("print('first')\n"), Ct);
        await using var coldRun = await second.StartAsync(Workspace.Script("print('second')\n"), Ct);

        Assert.Equal(SandboxInterpreter.Warm, (await warmRun.Completion.WaitAsync(RunWaitLimit, Ct)).Interpreter);
        Assert.Equal(SandboxInterpreter.Cold, (await coldRun.Completion.WaitAsync(RunWaitLimit, Ct)).Interpreter);
    }

    [Fact]
    public async Task Run_WhileTheTemplateImports_GoesColdAtOnceByDefaultAndLaterRunsGoWarm()
    {
        Assert.SkipUnless(IsWarm, "Only bubblewrap runs go warm.");
        var provider = await LocalSandboxProvider.ProbeAsync(new LocalSandboxOptions(), Ct);
        await using var sandbox = await provider.CreateAsync(Workspace.Spec(Limits), Ct);

        // Started the moment the sandbox exists, while its template is still importing the ML stack.
        await using var first = await sandbox.StartAsync(Workspace.Script("print('first')\n"), Ct);
        var cold = await first.Completion.WaitAsync(RunWaitLimit, Ct);

        Assert.Equal(SandboxRunOutcome.Succeeded, cold.Outcome);
        Assert.Equal(SandboxInterpreter.Cold, cold.Interpreter);
        Assert.Contains("still importing", cold.Note);
        Assert.Contains("first", cold.Stdout);

        SandboxRunResult? later = null;
        for (var i = 0; i < 120 && later?.Interpreter != SandboxInterpreter.Warm; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
            await using var run = await sandbox.StartAsync(Workspace.Script("print('later')\n"), Ct);
            later = await run.Completion.WaitAsync(RunWaitLimit, Ct);
        }

        Assert.Equal(SandboxInterpreter.Warm, later?.Interpreter);
        Assert.Null(later!.Note);
    }

    private static string Line(string text, string prefix) =>
        text.Split('\n').Single(l => l.StartsWith(prefix + " ", StringComparison.Ordinal));
}
