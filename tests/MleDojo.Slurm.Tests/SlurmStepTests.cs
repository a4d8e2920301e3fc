using MleDojo.Core.Execution;

namespace MleDojo.Slurm.Tests;

/// <summary>A run is a job step: its output streams back, and a kill ends the step through Slurm, keeping what it printed.</summary>
public sealed class SlurmStepTests(SlurmFixture fixture) : SlurmTestBase(fixture)
{
    [Fact]
    public async Task CreateAsync_Session_HoldsALabelledAllocationOnceReady()
    {
        // Creating submits the holder job without waiting for it; readiness waits for the allocation.
        Assert.True((await Sandbox.WaitReadyAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken)).IsReady);
        Assert.Equal("RUNNING", await SlurmQueue.JobStateAsync(JobId));
        var (name, comment) = await SlurmQueue.LabelsAsync(JobId);
        Assert.EndsWith(Workspace.SessionId, name, StringComparison.Ordinal);
        Assert.Contains($"mledojo.instance={Fixture.InstanceId}", comment, StringComparison.Ordinal);
        Assert.Contains($"mledojo.session={Workspace.SessionId}", comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_LongRun_StreamsItsOutputWhileItGoes()
    {
        await using var run = await Sandbox.StartAsync(Workspace.Script("""
            import time
            for i in range(3):
                print('epoch', i, flush=True)
            time.sleep(120)
            """, TimeSpan.FromSeconds(150)), Ct);

        Assert.True(await HostProcesses.EventuallyAsync(() => run.RecentOutput(5).Contains("epoch 2"), TimeSpan.FromSeconds(60), Ct),
            $"seen: {string.Join(" | ", run.RecentOutput(5))}");
        Assert.False(run.Completion.IsCompleted);
        await run.KillAsync(Ct);
    }

    [Fact]
    public async Task KillAsync_RunWithAGrandchild_EndsTheStepAndEveryProcessKeepingTheOutput()
    {
        var token = "mledojo-kill-" + Guid.NewGuid().ToString("N");
        await using var run = await Sandbox.StartAsync(Workspace.Script($$"""
            import subprocess, sys, time
            subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', {{Py(token)}}])
            print('child started', flush=True)
            time.sleep(300)
            """, TimeSpan.FromSeconds(300)), Ct);
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.WithToken(token).Count > 0, TimeSpan.FromSeconds(60), Ct));

        await run.KillAsync(Ct);

        var result = await run.Completion;
        Assert.Equal(SandboxRunOutcome.Cancelled, result.Outcome);
        Assert.Contains("child started", result.Stdout);
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.WithToken(token).Count == 0, TimeSpan.FromSeconds(20), Ct));
        Assert.False(await SlurmQueue.HasRunningStepsAsync(JobId));
        Assert.Equal("RUNNING", await SlurmQueue.JobStateAsync(JobId));
    }

    [Fact]
    public async Task StartAsync_AfterTheAllocationEnded_RunsInAFreshAllocationWithANote()
    {
        var first = JobId;
        await SlurmQueue.CancelAsync(first);
        Assert.True(await SlurmQueue.EventuallyAsync(async () => await SlurmQueue.JobStateAsync(first) != "RUNNING", TimeSpan.FromSeconds(30), Ct));
        File.WriteAllText(Path.Combine(Workspace.Path_, "kept.txt"), "kept");

        var result = await RunAsync("print(open('kept.txt').read())\n");

        Assert.True(result.Outcome == SandboxRunOutcome.Succeeded, $"{result.Outcome}: {result.Note} {result.Stderr}");
        Assert.Contains("kept", result.Stdout);
        Assert.NotEqual(first, JobId);
        Assert.Contains($"allocation (job {first})", result.Note, StringComparison.Ordinal);
        Assert.Contains($"new allocation, job {JobId}", result.Note, StringComparison.Ordinal);
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task DisposeAsync_Sandbox_CancelsItsAllocationAndEndsItsRuns()
    {
        var job = JobId;
        var run = await Sandbox.StartAsync(Workspace.Script("import time\nprint('up', flush=True)\ntime.sleep(120)\n", TimeSpan.FromSeconds(150)), Ct);
        Assert.True(await HostProcesses.EventuallyAsync(() => run.RecentOutput(1).Contains("up"), TimeSpan.FromSeconds(60), Ct));

        await Sandbox.DisposeAsync();

        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(SandboxRunOutcome.Cancelled, result.Outcome);
        Assert.Contains("up", result.Stdout);
        Assert.True(await SlurmQueue.EventuallyAsync(async () => await SlurmQueue.JobStateAsync(job) is null or "CANCELLED", TimeSpan.FromSeconds(30), Ct));
        await Assert.ThrowsAsync<SandboxException>(() => Sandbox.StartAsync(Workspace.Script("print(1)\n"), Ct));
    }
}
