using MleDojo.Core.Execution;
using MleDojo.Sandbox.Docker;

namespace MleDojo.Docker.Tests;

/// <summary>A fresh session container per test, on the shared provider.</summary>
public abstract class DockerTestBase(DockerFixture fixture) : SandboxTestBase(new TestWorkspace("mledojo-dtest-", createScriptsDirectory: true))
{
    protected DockerFixture Fixture => fixture;

    protected DockerSandboxProvider Provider => fixture.Provider;

    /// <summary>The id of the container serving the test's session.</summary>
    protected string ContainerId => ((DockerSandbox)Sandbox).ContainerId;

    protected override ISandboxProvider SandboxProvider => Provider;

    protected override TimeSpan RunWaitLimit => TimeSpan.FromSeconds(90);

    public override async ValueTask InitializeAsync()
    {
        fixture.Require();
        await base.InitializeAsync();
        if (Provider.WarmRuns)
        {
            // Runs go cold until the template's imports are done: the suite waits, so that it tests the warm path.
            Assert.True(
                await HostProcesses.EventuallyAsync(() => ((DockerSandbox)Sandbox).WarmTemplatePid is not null, TimeSpan.FromSeconds(90), Ct),
                "the session's warm interpreter did not get ready");
        }
    }

    /// <summary>
    /// Processes a session container holds between runs: its init, and with warm runs the template and its spare (the
    /// next run's supervisor and runner, forked ahead).
    /// </summary>
    protected int IdleProcesses => Provider.WarmRuns ? 4 : 1;

    /// <summary>The attack must leave a working sandbox behind, in the same container: a trivial script still runs.</summary>
    protected async Task AssertStillWorksAsync()
    {
        var container = ContainerId;
        var result = await RunAsync("print('still alive')\n");
        Assert.True(result.Outcome == SandboxRunOutcome.Succeeded, $"{result.Outcome}: {result.Note} {result.Stderr}");
        Assert.Contains("still alive", result.Stdout);
        Assert.Null(result.Note);
        Assert.Equal(container, ContainerId);
    }
}
