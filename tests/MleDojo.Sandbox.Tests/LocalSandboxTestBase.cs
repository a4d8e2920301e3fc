using MleDojo.Core.Execution;
using MleDojo.Sandbox.Local;

namespace MleDojo.Sandbox.Tests;

/// <summary>A fresh local sandbox per test, on the shared provider.</summary>
public abstract class LocalSandboxTestBase(LocalSandboxFixture fixture) : SandboxTestBase(new TestWorkspace())
{
    protected LocalSandboxProvider Provider => fixture.Provider;

    /// <summary>The uid agent code runs as (the sandbox's per-session uid).</summary>
    protected int? SandboxUid => (Sandbox as LocalSandbox)?.Identity?.Uid;

    protected override ISandboxProvider SandboxProvider => Provider;

    protected override TimeSpan RunWaitLimit => TimeSpan.FromSeconds(60);

    /// <summary>The attack must leave a working sandbox behind: a trivial script still runs and succeeds.</summary>
    protected async Task AssertStillWorksAsync()
    {
        var result = await RunAsync("print('still alive')\n");
        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.Contains("still alive", result.Stdout);
    }
}
