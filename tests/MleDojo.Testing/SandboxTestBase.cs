using MleDojo.Core.Execution;

namespace MleDojo.Testing;

/// <summary>
/// The common part of both sandbox backends' tests: a fresh sandbox per test, created by the suite's shared provider
/// over a throw-away <see cref="TestWorkspace"/>, and a way to run a script in it to the end.
/// </summary>
/// <param name="workspace">The test's workspace, deleted after the test.</param>
public abstract class SandboxTestBase(TestWorkspace workspace) : IAsyncLifetime
{
    private ISandbox? _sandbox;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected TestWorkspace Workspace { get; } = workspace;

    protected ISandbox Sandbox => _sandbox ?? throw new InvalidOperationException("Sandbox not created.");

    protected virtual SandboxLimits Limits => TestWorkspace.DefaultLimits;

    /// <summary>The provider that creates the test's sandbox.</summary>
    protected abstract ISandboxProvider SandboxProvider { get; }

    /// <summary>How long <see cref="RunAsync"/> waits for a run to end, beyond which the test fails.</summary>
    protected abstract TimeSpan RunWaitLimit { get; }

    public virtual async ValueTask InitializeAsync()
    {
        _sandbox = await SandboxProvider.CreateAsync(Workspace.Spec(Limits), Ct);
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
        return await run.Completion.WaitAsync(RunWaitLimit, Ct);
    }

    /// <summary>Runs a script that prints <paramref name="line"/>; it must succeed on the warm path with no note.</summary>
    protected async Task AssertRunsWarmWithoutNoteAsync(string line)
    {
        var result = await RunAsync($"print('{line}')\n");

        Assert.True(SandboxRunOutcome.Succeeded == result.Outcome, $"{result.Outcome} exit {result.ExitCode}: {result.Note} {result.Stderr}");
        Assert.True(SandboxInterpreter.Warm == result.Interpreter, result.Note);
        Assert.Contains(line, result.Stdout);
        Assert.Null(result.Note);
    }
}
