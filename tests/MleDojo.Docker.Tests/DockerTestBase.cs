using MleDojo.Core.Execution;
using MleDojo.Sandbox.Docker;

namespace MleDojo.Docker.Tests;

/// <summary>A fresh session container per test, on the shared provider.</summary>
public abstract class DockerTestBase(DockerFixture fixture) : IAsyncLifetime
{
    private ISandbox? _sandbox;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected DockerFixture Fixture => fixture;

    protected DockerSandboxProvider Provider => fixture.Provider;

    protected TestWorkspace Workspace { get; } = new("mledojo-dtest-", createScriptsDirectory: true);

    protected ISandbox Sandbox => _sandbox ?? throw new InvalidOperationException("Sandbox not created.");

    /// <summary>The id of the container serving the test's session.</summary>
    protected string ContainerId => ((DockerSandbox)Sandbox).ContainerId;

    protected virtual SandboxLimits Limits => TestWorkspace.DefaultLimits;

    public virtual async ValueTask InitializeAsync()
    {
        fixture.Require();
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
        return await run.Completion.WaitAsync(TimeSpan.FromSeconds(90), Ct);
    }

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
