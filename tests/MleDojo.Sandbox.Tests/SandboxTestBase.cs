using MleDojo.Core.Execution;
using MleDojo.Sandbox.Local;

namespace MleDojo.Sandbox.Tests;

public abstract class SandboxTestBase(SandboxFixture fixture) : IAsyncLifetime
{
    private ISandbox? _sandbox;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected LocalSandboxProvider Provider => fixture.Provider;

    protected TestWorkspace Workspace { get; } = new();

    protected ISandbox Sandbox => _sandbox ?? throw new InvalidOperationException("Sandbox not created.");

    protected virtual SandboxLimits Limits => TestWorkspace.DefaultLimits;

    public virtual async ValueTask InitializeAsync()
    {
        _sandbox = await Provider.CreateAsync(Workspace.Spec(Limits), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        await Workspace.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs a script to the end and returns its result.</summary>
    protected async Task<SandboxRunResult> RunAsync(string code, TimeSpan? timeout = null)
    {
        await using var run = await Sandbox.StartAsync(Workspace.Script(code, timeout), Ct);
        return await run.Completion.WaitAsync(TimeSpan.FromSeconds(60), Ct);
    }

    /// <summary>The attack must leave a working sandbox behind: a trivial script still runs and succeeds.</summary>
    protected async Task AssertStillWorksAsync()
    {
        var result = await RunAsync("print('still alive')\n");
        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.Contains("still alive", result.Stdout);
    }

    /// <summary>The uid agent code runs as (the sandbox's per-session uid).</summary>
    protected int? SandboxUid => (Sandbox as LocalSandbox)?.Identity?.Uid;
}
