using MleDojo.Core.Execution;
using MleDojo.Sandbox.Docker;

namespace MleDojo.Docker.Tests;

/// <summary>Containers are removed at end_session, at shutdown, and at the next start after a crash.</summary>
public sealed class DockerLifecycleTests(DockerFixture fixture) : IAsyncLifetime
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
    public async Task DisposeAsync_Sandbox_RemovesItsContainerAndEndsItsRuns()
    {
        var sandbox = await fixture.Provider.CreateAsync(NewWorkspace().Spec(), Ct);
        var container = ((DockerSandbox)sandbox).ContainerId;
        Assert.Contains(container, await ContainersAsync(fixture.InstanceId));
        var run = await sandbox.StartAsync(_workspaces[^1].Script("import time\nprint('up', flush=True)\ntime.sleep(120)\n"), Ct);
        Assert.True(await HostProcesses.EventuallyAsync(() => run.RecentOutput(1).Contains("up"), TimeSpan.FromSeconds(15), Ct));

        await sandbox.DisposeAsync();

        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(SandboxRunOutcome.Cancelled, result.Outcome);
        Assert.Contains("up", result.Stdout);
        Assert.DoesNotContain(container, await ContainersAsync(fixture.InstanceId));
        await Assert.ThrowsAsync<SandboxException>(() => sandbox.StartAsync(_workspaces[^1].Script("print(1)\n"), Ct));
        await sandbox.DisposeAsync();
    }

    [Fact]
    public async Task DisposeAsync_Provider_RemovesAllItsContainers()
    {
        var instance = NewInstance();
        var provider = await DockerSandboxProvider.CreateAsync(DockerFixture.Options(instance), Ct);
        var first = await provider.CreateAsync(NewWorkspace().Spec(), Ct);
        await provider.CreateAsync(NewWorkspace().Spec(), Ct);
        var run = await first.StartAsync(_workspaces[0].Script("import time\ntime.sleep(120)\n"), Ct);
        Assert.Equal(2, (await ContainersAsync(instance)).Count);

        await provider.DisposeAsync();

        Assert.Empty(await ContainersAsync(instance));
        Assert.Equal(SandboxRunOutcome.Cancelled, (await run.Completion.WaitAsync(TimeSpan.FromSeconds(30), Ct)).Outcome);
        await provider.DisposeAsync();
    }

    [Fact]
    public async Task CreateAsync_ContainersLeftByAnAbandonedProvider_AreRemovedForTheSameInstance()
    {
        // Given a server that made two containers and died without cleaning up (the provider is never disposed).
        var instance = NewInstance();
        var crashed = await DockerSandboxProvider.CreateAsync(DockerFixture.Options(instance), Ct);
        await crashed.CreateAsync(NewWorkspace().Spec(), Ct);
        await crashed.CreateAsync(NewWorkspace().Spec(), Ct);
        Assert.Equal(2, (await ContainersAsync(instance)).Count);
        await using var bystander = await fixture.Provider.CreateAsync(NewWorkspace().Spec(), Ct);

        // When the same instance starts again.
        var restarted = await DockerSandboxProvider.CreateAsync(DockerFixture.Options(instance), Ct);
        try
        {
            // Then the leftovers are gone, and another instance's container is untouched.
            Assert.Equal(2, restarted.RemovedLeftovers);
            Assert.Empty(await ContainersAsync(instance));
            Assert.Contains(((DockerSandbox)bystander).ContainerId, await ContainersAsync(fixture.InstanceId));
        }
        finally
        {
            await restarted.DisposeAsync();
        }
    }

    [Fact]
    public void ForDataRoot_SameAndOtherDataRoots_GivesAStableAndDistinctInstanceId()
    {
        Assert.Equal(DockerInstance.ForDataRoot("/srv/mledojo"), DockerInstance.ForDataRoot("/srv/mledojo/"));
        Assert.NotEqual(DockerInstance.ForDataRoot("/srv/mledojo"), DockerInstance.ForDataRoot("/srv/other"));
        Assert.Matches("^[0-9a-f]{16}$", DockerInstance.ForDataRoot("/srv/mledojo"));
    }

    private TestWorkspace NewWorkspace()
    {
        var workspace = new TestWorkspace("mledojo-dtest-", createScriptsDirectory: true);
        _workspaces.Add(workspace);
        return workspace;
    }

    private static string NewInstance() => $"test-{Guid.NewGuid():N}"[..20];

    internal static async Task<IReadOnlyList<string>> ContainersAsync(string instance)
    {
        await using var engine = DockerEngine.Connect(DockerEndpoint.Resolve(new DockerSandboxOptions(), Environment.GetEnvironmentVariable), TimeSpan.FromSeconds(30));
        return await engine.ListContainersAsync("mledojo.instance", instance, TestContext.Current.CancellationToken);
    }
}
