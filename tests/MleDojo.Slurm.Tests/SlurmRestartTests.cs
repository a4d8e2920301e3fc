using MleDojo.Core.Execution;
using MleDojo.Sandbox.Local;
using MleDojo.Sandbox.Slurm;

namespace MleDojo.Slurm.Tests;

/// <summary>
/// A provider that starts where a crashed one of the same instance left live allocations: sessions re-attach to theirs,
/// orphans are cancelled, and jobs that are not this instance's are never touched.
/// </summary>
public sealed class SlurmRestartTests(SlurmFixture fixture) : IAsyncLifetime
{
    private readonly List<TestWorkspace> _workspaces = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        fixture.Require();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var workspace in _workspaces)
        {
            await workspace.DisposeAsync();
        }
    }

    [Fact]
    public async Task CreateAsync_AfterACrash_ReattachesLiveSessionsCancelsOrphansAndLeavesForeignJobs()
    {
        var instance = $"crash-{Guid.NewGuid():N}"[..20];
        var crashed = await fixture.CreateProviderAsync(instance, Ct);
        var live = NewWorkspace();
        var orphan = NewWorkspace();
        var liveJob = ((SlurmSandbox)await crashed.CreateAsync(live.Spec(), Ct)).JobId;
        var orphanJob = ((SlurmSandbox)await crashed.CreateAsync(orphan.Spec(), Ct)).JobId;

        // Jobs the restarted provider must leave alone: another instance's, and one named like ours with no labels.
        var otherInstance = await SlurmQueue.SubmitForeignAsync($"mledojo-other-{live.SessionId}", $"mledojo.instance=other mledojo.session={live.SessionId}");
        var lookalike = await SlurmQueue.SubmitForeignAsync($"mledojo-{instance[..8]}-{orphan.SessionId}", "someone else's job");
        try
        {
            // The crashed provider is never disposed (as after kill -9); a new one of the same instance starts.
            var restarted = await fixture.CreateProviderAsync(instance, Ct);
            try
            {
                Assert.Equal(new[] { live.SessionId, orphan.SessionId }.Order(StringComparer.Ordinal), restarted.UnclaimedSessions.Order(StringComparer.Ordinal));

                var cancelled = await restarted.CancelOrphansAsync([live.SessionId], Ct);
                var sandbox = (SlurmSandbox)await restarted.CreateAsync(live.Spec(), Ct);

                Assert.Equal(1, cancelled);
                Assert.Equal(liveJob, sandbox.JobId);
                await using var run = await sandbox.StartAsync(live.Script("print('resumed')\n"), Ct);
                var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(120), Ct);
                Assert.True(result.Outcome == SandboxRunOutcome.Succeeded, $"{result.Outcome}: {result.Note} {result.Stderr}");
                Assert.Null(result.Note);
                Assert.True(await SlurmQueue.EventuallyAsync(async () => await SlurmQueue.JobStateAsync(orphanJob) is null or "CANCELLED", TimeSpan.FromSeconds(30), Ct));
                Assert.Equal("RUNNING", await SlurmQueue.JobStateAsync(liveJob));
                Assert.NotEqual("CANCELLED", await SlurmQueue.JobStateAsync(otherInstance));
                Assert.NotEqual("CANCELLED", await SlurmQueue.JobStateAsync(lookalike));
            }
            finally
            {
                await restarted.DisposeAsync();
            }

            // Disposing cancels only what it holds.
            Assert.NotEqual("CANCELLED", await SlurmQueue.JobStateAsync(otherInstance));
        }
        finally
        {
            await SlurmQueue.CancelAsync(otherInstance);
            await SlurmQueue.CancelAsync(lookalike);
            await SlurmQueue.CancelAsync(liveJob);
            await SlurmQueue.CancelAsync(orphanJob);
        }
    }

    [Fact]
    public async Task CreateAsync_AfterACrashWhileTheJobPends_ReattachesToThePendingJobWhichRunsOnceItStarts()
    {
        // Given a crashed provider whose session's holder job pends behind a job that fills the small partition.
        var instance = $"pend-{Guid.NewGuid():N}"[..20];
        var blocker = await SlurmQueue.SubmitBlockerAsync("mledojo-small", cpus: 4);
        var options = fixture.Options(instance, partition: "mledojo-small");
        var workspace = NewWorkspace();
        long job = 0;
        try
        {
            Assert.True(await SlurmQueue.EventuallyAsync(async () => await SlurmQueue.JobStateAsync(blocker) == "RUNNING", TimeSpan.FromSeconds(60), Ct), "the blocker never ran");
            var crashed = await SlurmSandboxProvider.CreateAsync(options, new LocalSandboxOptions(), fixture.DataRoot, cancellationToken: Ct);
            var first = (SlurmSandbox)await crashed.CreateAsync(workspace.Spec(), Ct);
            job = first.JobId;
            var before = await first.WaitReadyAsync(TimeSpan.Zero, Ct);
            Assert.False(before.IsReady);
            Assert.Equal(job.ToString(System.Globalization.CultureInfo.InvariantCulture), before.JobId);
            Assert.False(string.IsNullOrWhiteSpace(before.Reason));

            // When a provider of the same instance starts (the crashed one is never disposed, as after kill -9).
            await using var restarted = await SlurmSandboxProvider.CreateAsync(options, new LocalSandboxOptions(), fixture.DataRoot, cancellationToken: Ct);
            Assert.Contains(workspace.SessionId, restarted.UnclaimedSessions);
            var sandbox = (SlurmSandbox)await restarted.CreateAsync(workspace.Spec(), Ct);

            // Then the session keeps its place in the queue, and runs in that job once the partition has room.
            Assert.Equal(job, sandbox.JobId);
            Assert.False((await sandbox.WaitReadyAsync(TimeSpan.Zero, Ct)).IsReady);
            Assert.Equal("PENDING", await SlurmQueue.JobStateAsync(job));
            await SlurmQueue.CancelAsync(blocker);
            Assert.True((await sandbox.WaitReadyAsync(TimeSpan.FromSeconds(90), Ct)).IsReady);
            await using var run = await sandbox.StartAsync(workspace.Script("print('after the queue')\n"), Ct);
            var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(120), Ct);
            Assert.True(result.Outcome == SandboxRunOutcome.Succeeded, $"{result.Outcome}: {result.Note} {result.Stderr}");
            Assert.Equal(job, sandbox.JobId);
        }
        finally
        {
            await SlurmQueue.CancelAsync(blocker);
            if (job != 0)
            {
                await SlurmQueue.CancelAsync(job);
            }
        }
    }

    [Fact]
    public async Task CreateAsync_SharedRootOverlappingTheDataRoot_IsRefused()
    {
        var options = fixture.Options("overlap");
        var error = await Assert.ThrowsAsync<SandboxException>(() =>
            SlurmSandboxProvider.CreateAsync(options, new LocalSandboxOptions(), Path.Combine(fixture.SharedRoot, "home"), cancellationToken: Ct));

        Assert.Contains("must not contain each other", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_WorkspaceOutsideTheSharedRoot_IsRefused()
    {
        var workspace = new TestWorkspace("mledojo-stest-");
        _workspaces.Add(workspace);

        var error = await Assert.ThrowsAsync<SandboxException>(() => fixture.Provider.CreateAsync(workspace.Spec(), Ct));

        Assert.Contains("not under the Slurm shared root", error.Message, StringComparison.Ordinal);
    }

    private TestWorkspace NewWorkspace()
    {
        var workspace = new TestWorkspace("mledojo-stest-", createScriptsDirectory: true, parent: fixture.SharedRoot);
        _workspaces.Add(workspace);
        return workspace;
    }
}
