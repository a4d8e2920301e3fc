using MleDojo.Core.Execution;
using MleDojo.Sandbox.Slurm;

namespace MleDojo.Slurm.Tests;

/// <summary>A fresh session allocation per test, on the shared provider, with its workspace under the shared root.</summary>
public abstract class SlurmTestBase(SlurmFixture fixture) : SandboxTestBase(new TestWorkspace("mledojo-stest-", createScriptsDirectory: true, parent: fixture.SharedRoot))
{
    protected SlurmFixture Fixture => fixture;

    /// <summary>The holder job of the test's session.</summary>
    protected long JobId => ((SlurmSandbox)Sandbox).JobId;

    protected override ISandboxProvider SandboxProvider => fixture.Provider;

    protected override TimeSpan RunWaitLimit => TimeSpan.FromSeconds(120);

    public override async ValueTask InitializeAsync()
    {
        fixture.Require();
        await base.InitializeAsync();
        if (fixture.Provider.WarmRuns)
        {
            // Runs go cold until the allocation runs and the template's imports are done: the suite waits, so that it
            // tests the warm path (the default).
            Assert.True((await Sandbox.WaitReadyAsync(TimeSpan.FromSeconds(60), Ct)).IsReady, "the allocation did not start");
            Assert.True(
                await HostProcesses.EventuallyAsync(() => ((SlurmSandbox)Sandbox).WarmReady, TimeSpan.FromSeconds(120), Ct),
                "the session's warm interpreter did not get ready");
        }
    }

    /// <summary>The attack must leave a working sandbox behind, in the same allocation: a trivial script still runs.</summary>
    protected async Task AssertStillWorksAsync()
    {
        var job = JobId;
        var result = await RunAsync("print('still alive')\n");
        Assert.True(result.Outcome == SandboxRunOutcome.Succeeded, $"{result.Outcome}: {result.Note} {result.Stderr}");
        Assert.Contains("still alive", result.Stdout);
        Assert.Null(result.Note);
        Assert.Equal(job, JobId);
    }
}
