using MleDojo.Core.Execution;
using MleDojo.Sandbox.Slurm;

namespace MleDojo.Slurm.Tests;

/// <summary>
/// Runs forked from the session's warm template, a long-lived step of its allocation whose stdio (through srun) is the
/// only channel to the node: they behave as a cold run's step would, their output comes back whole and in order, and a
/// template that ends is replaced without losing a run.
/// </summary>
public sealed class SlurmWarmRunTests(SlurmFixture fixture) : SlurmTestBase(fixture)
{
    private SlurmSandbox Slurm => (SlurmSandbox)Sandbox;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Assert.SkipWhen(SlurmFixture.Cold, "MLEDOJO_TEST_SLURM_COLD=1 runs the suite cold.");
    }

    [Fact]
    public async Task Run_OnTheDefaultPath_IsWarmAndRunsInTheTemplatesStepNotOneOfItsOwn()
    {
        await using var run = await Sandbox.StartAsync(Workspace.Script("""
            import os, sys, time
            print('preloaded', 'numpy' in sys.modules, 'pandas' in sys.modules, flush=True)
            print('slurm', sorted(k for k in os.environ if k.startswith('SLURM_')), flush=True)
            time.sleep(2)
            """), Ct);
        Assert.True(await HostProcesses.EventuallyAsync(() => run.RecentOutput(5).Any(l => l.StartsWith("slurm", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), Ct));

        // While the run goes, the allocation holds the template's step and no step for the run.
        Assert.Single(await SlurmQueue.WarmStepsAsync(JobId));
        Assert.False(await SlurmQueue.HasRunningStepsAsync(JobId));

        var result = await run.Completion.WaitAsync(RunWaitLimit, Ct);
        Assert.True(SandboxRunOutcome.Succeeded == result.Outcome, $"{result.Outcome}: {result.Note} {result.Stderr}");
        Assert.Equal(SandboxInterpreter.Warm, result.Interpreter);
        Assert.Null(result.Note);
        Assert.Contains("preloaded True True", result.Stdout);

        // The scrubbed environment of a cold step: no Slurm variables reach agent code.
        Assert.Contains("slurm []", result.Stdout);
    }

    [Fact]
    public async Task Run_ScriptContextAndExit_AreThoseOfAColdRun()
    {
        var result = await RunAsync("""
            import os, sys
            print('name', __name__)
            print('argv', sys.argv)
            print('cwd', os.getcwd())
            print('to stderr', file=sys.stderr)
            sys.exit(3)
            """);

        Assert.Equal(SandboxInterpreter.Warm, result.Interpreter);
        Assert.Equal(SandboxRunOutcome.Failed, result.Outcome);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("name __main__", result.Stdout);
        Assert.Contains($"argv ['{Slurm.WorkspaceMountPath.TrimEnd('/')}/scripts/", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"cwd {Slurm.WorkspaceMountPath.TrimEnd('/')}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("to stderr", result.Stderr);
    }

    [Fact]
    public async Task Run_PrintingMuchOnBothStreams_ComesBackWholeAndInOrder()
    {
        // Relayed through the template's channel in chunks: nothing may be lost, reordered within a stream, or arrive
        // after the run's end is reported.
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
    public async Task TemplateStepCancelled_NextRunGoesColdWithANote_ThenRunsAreWarmAgain()
    {
        var step = Assert.Single(await SlurmQueue.WarmStepsAsync(JobId));
        await SlurmQueue.CancelStepAsync(step);
        Assert.True(await HostProcesses.EventuallyAsync(() => !Slurm.WarmReady, TimeSpan.FromSeconds(30), Ct), "the template outlived its step");

        var cold = await RunAsync("print('cold')\n");
        Assert.True(SandboxRunOutcome.Succeeded == cold.Outcome, $"{cold.Outcome}: {cold.Note} {cold.Stderr}");
        Assert.Equal(SandboxInterpreter.Cold, cold.Interpreter);
        Assert.Contains("warm interpreter had stopped", cold.Note, StringComparison.Ordinal);

        Assert.True(await HostProcesses.EventuallyAsync(() => Slurm.WarmReady, TimeSpan.FromSeconds(120), Ct), "no new template");
        var warm = await RunAsync("print('warm again')\n");
        Assert.Equal(SandboxInterpreter.Warm, warm.Interpreter);
        Assert.Contains("warm again", warm.Stdout);
        var fresh = Assert.Single(await SlurmQueue.WarmStepsAsync(JobId));
        Assert.NotEqual(step, fresh);
    }

    [Fact]
    public async Task KillAsync_WarmRun_EndsItsProcessesAndKeepsTheTemplate()
    {
        var token = "mledojo-warm-kill-" + Guid.NewGuid().ToString("N");
        var step = Assert.Single(await SlurmQueue.WarmStepsAsync(JobId));
        await using var run = await Sandbox.StartAsync(Workspace.Script($$"""
            import subprocess, sys, time
            subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', '{{token}}'])
            print('child started', flush=True)
            time.sleep(300)
            """, TimeSpan.FromSeconds(300)), Ct);
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.WithToken(token).Count > 0, TimeSpan.FromSeconds(60), Ct));

        await run.KillAsync(Ct);

        var result = await run.Completion;
        Assert.Equal(SandboxRunOutcome.Cancelled, result.Outcome);
        Assert.Equal(SandboxInterpreter.Warm, result.Interpreter);
        Assert.Contains("child started", result.Stdout);
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.WithToken(token).Count == 0, TimeSpan.FromSeconds(20), Ct));
        Assert.True(Slurm.WarmReady);
        Assert.Equal(step, Assert.Single(await SlurmQueue.WarmStepsAsync(JobId)));
        Assert.Equal(SandboxInterpreter.Warm, (await RunAsync("print(1)\n")).Interpreter);
    }
}
