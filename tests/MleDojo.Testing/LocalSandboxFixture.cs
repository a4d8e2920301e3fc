using MleDojo.Sandbox.Local;

namespace MleDojo.Testing;

/// <summary>
/// One probed local sandbox provider for a whole test assembly, as the server holds one. Each suite derives its
/// assembly fixture from it with the options it needs.
/// </summary>
/// <param name="options">The provider's options.</param>
/// <param name="requireFullIsolation">Fails every test of the assembly when this machine cannot fully isolate agent code.</param>
public abstract class LocalSandboxFixture(LocalSandboxOptions options, bool requireFullIsolation) : IAsyncLifetime
{
    private LocalSandboxProvider? _provider;

    public LocalSandboxProvider Provider => _provider ?? throw new InvalidOperationException("Fixture not initialised.");

    public async ValueTask InitializeAsync()
    {
        _provider = await LocalSandboxProvider.ProbeAsync(options, TestContext.Current.CancellationToken);
        if (requireFullIsolation && !_provider.Isolation.IsFull)
        {
            throw new InvalidOperationException($"These tests need the real isolated sandbox; this machine offers: {_provider.Isolation.Description}.");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
