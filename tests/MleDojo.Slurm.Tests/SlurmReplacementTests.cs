using System.Globalization;
using MleDojo.Core.Execution;
using MleDojo.Sandbox.Local;
using MleDojo.Sandbox.Slurm;

namespace MleDojo.Slurm.Tests;

/// <summary>
/// An allocation that ends while the cluster is full: its replacement pends, the run is refused as pending (the sandbox
/// is sound and is kept), later runs find the same replacement instead of queueing another, and it runs once it starts.
/// </summary>
public sealed class SlurmReplacementTests(SlurmFixture fixture) : IAsyncLifetime
{
    private readonly TestWorkspace _workspace = new("mledojo-rtest-", createScriptsDirectory: true, parent: fixture.SharedRoot);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        fixture.Require();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _workspace.DisposeAsync();

    [Fact]
    public async Task StartAsync_AllocationEndedOnAFullPartition_RefusesAsPendingKeepingOneReplacementWhichRunsOnceItStarts()
    {
        var options = fixture.Options($"repl-{Guid.NewGuid():N}"[..20], partition: "mledojo-small");
        options.AllocationWait = TimeSpan.FromSeconds(3);
        // Cold runs: a warm template's step would be launching in the allocation just as the test cancels it, and a job
        // cancelled mid-launch stays COMPLETING until Slurm abandons the step's output a minute later (seen under load),
        // holding the partition the blocker needs. The subject here is the allocation, not the interpreter.
        await using var provider = await SlurmSandboxProvider.CreateAsync(options, new LocalSandboxOptions { WarmInterpreter = false }, fixture.DataRoot, cancellationToken: Ct);
        var sandbox = (SlurmSandbox)await provider.CreateAsync(_workspace.Spec(), Ct);
        long blocker = 0;
        try
        {
            Assert.True((await sandbox.WaitReadyAsync(TimeSpan.FromSeconds(90), Ct)).IsReady, "the session's allocation never started");
            var first = sandbox.JobId;

            // Given a job that fills the partition as soon as the session's allocation ends, and that allocation ending.
            blocker = await SlurmQueue.SubmitBlockerAsync("mledojo-small", cpus: 4);
            await SlurmQueue.CancelAsync(first);
            Assert.True(await SlurmQueue.EventuallyAsync(async () => await SlurmQueue.JobStateAsync(blocker) == "RUNNING", TimeSpan.FromSeconds(60), Ct), "the blocker never ran");

            // When runs are started while the replacement pends, then each is refused as pending and names the same job.
            var refused = await Assert.ThrowsAsync<SandboxPendingException>(() => sandbox.StartAsync(_workspace.Script("print(1)\n"), Ct));
            var replacement = sandbox.JobId;
            Assert.NotEqual(first, replacement);
            Assert.Contains(replacement.ToString(CultureInfo.InvariantCulture), refused.Message, StringComparison.Ordinal);
            Assert.Equal("PENDING", await SlurmQueue.JobStateAsync(replacement));
            await Assert.ThrowsAsync<SandboxPendingException>(() => sandbox.StartAsync(_workspace.Script("print(2)\n"), Ct));
            Assert.Equal(replacement, sandbox.JobId);
            Assert.Equal(replacement, await SlurmQueue.JobOfSessionAsync(_workspace.SessionId));

            // And once the partition has room, the next run goes in that replacement.
            await SlurmQueue.CancelAsync(blocker);
            Assert.True((await sandbox.WaitReadyAsync(TimeSpan.FromSeconds(90), Ct)).IsReady, "the replacement never started");
            await using var run = await sandbox.StartAsync(_workspace.Script("print('in the replacement')\n"), Ct);
            var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(120), Ct);
            Assert.True(result.Outcome == SandboxRunOutcome.Succeeded, $"{result.Outcome}: {result.Note} {result.Stderr}");
            Assert.Contains("in the replacement", result.Stdout);
            Assert.Equal(replacement, sandbox.JobId);
        }
        finally
        {
            if (blocker != 0)
            {
                await SlurmQueue.CancelAsync(blocker);
            }

            await sandbox.DisposeAsync();
        }
    }
}
