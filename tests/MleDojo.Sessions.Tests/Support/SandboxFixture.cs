using MleDojo.Sandbox.Local;

// The episode engine is tested over the real local sandbox: bubblewrap, per-session uid, rlimits, /proc.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
[assembly: AssemblyFixture(typeof(MleDojo.Sessions.Tests.Support.SandboxFixture))]

// Attacks fork-bomb, allocate and flood output; one test at a time keeps timings honest on a small machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MleDojo.Sessions.Tests.Support;

/// <summary>One probed sandbox provider for the whole run, as the server holds one.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    private LocalSandboxProvider? _provider;

    public LocalSandboxProvider Provider => _provider ?? throw new InvalidOperationException("Fixture not initialised.");

    public async ValueTask InitializeAsync()
    {
        // Debian's interpreter has pandas and scikit-learn; the first python3 on PATH may not.
        _provider = await LocalSandboxProvider.ProbeAsync(new LocalSandboxOptions { PythonPath = "/usr/bin/python3" }, TestContext.Current.CancellationToken);
        if (!_provider.Isolation.IsFull)
        {
            throw new InvalidOperationException($"These tests need the real isolated sandbox; this machine offers: {_provider.Isolation.Description}.");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
