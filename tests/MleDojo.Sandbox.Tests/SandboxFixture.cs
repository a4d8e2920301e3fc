using MleDojo.Sandbox.Local;

// The sandbox is Linux-only: it runs real bubblewrap, /proc and POSIX permissions.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
[assembly: AssemblyFixture(typeof(MleDojo.Sandbox.Tests.SandboxFixture))]

// Attack tests fork-bomb and allocate; running them one at a time keeps timings honest on a small machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MleDojo.Sandbox.Tests;

/// <summary>One probed provider for the whole test run, as the server would hold one.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    private LocalSandboxProvider? _provider;

    public LocalSandboxProvider Provider => _provider ?? throw new InvalidOperationException("Fixture not initialised.");

    public async ValueTask InitializeAsync()
    {
        _provider = await LocalSandboxProvider.ProbeAsync(new LocalSandboxOptions(), TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
