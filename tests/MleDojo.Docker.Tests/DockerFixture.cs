using MleDojo.Core.Execution;
using MleDojo.Sandbox.Docker;

// The backend is Linux-only, and the tests read the host's /proc to see what runs in containers (a local engine).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
[assembly: AssemblyFixture(typeof(MleDojo.Docker.Tests.DockerFixture))]

// Attack tests fork-bomb and allocate: one at a time keeps a 2-core machine responsive and timings honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MleDojo.Docker.Tests;

/// <summary>
/// One provider for the test run, as the server holds one. Without an engine (or the image) the tests cannot run:
/// under CI (CI=true) that is a failure, elsewhere each test is skipped with the reason.
/// </summary>
public sealed class DockerFixture : IAsyncLifetime
{
    private DockerSandboxProvider? _provider;

    /// <summary>A label value unique to this test run, so parallel runs on one engine never remove each other's containers.</summary>
    public string InstanceId { get; } = $"test-{Environment.ProcessId}-{Guid.NewGuid():N}"[..24];

    public string? Unavailable { get; private set; }

    public DockerSandboxProvider Provider => _provider ?? throw new InvalidOperationException(Unavailable);

    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) && Environment.GetEnvironmentVariable("CI") != "false";

    /// <summary>
    /// Options for a provider on the test engine (DOCKER_HOST). MLEDOJO_TEST_DOCKER_IMAGE runs the suite on another
    /// image, for example one built from docker/Dockerfile; MLEDOJO_TEST_DOCKER_COLD=1 runs it on the cold path.
    /// </summary>
    public static DockerSandboxOptions Options(string instanceId) => new()
    {
        InstanceId = instanceId,
        WarmInterpreter = Environment.GetEnvironmentVariable("MLEDOJO_TEST_DOCKER_COLD") != "1",
        Image = Environment.GetEnvironmentVariable("MLEDOJO_TEST_DOCKER_IMAGE") is { Length: > 0 } image ? image : DockerSandboxOptions.DefaultImage,
    };

    public async ValueTask InitializeAsync()
    {
        try
        {
            _provider = await DockerSandboxProvider.CreateAsync(Options(InstanceId), TestContext.Current.CancellationToken);
        }
        catch (SandboxException ex)
        {
            Unavailable = $"No usable Docker engine: {ex.Message}";
        }
    }

    /// <summary>Fails the test under CI, else skips it, when there is no engine.</summary>
    public void Require()
    {
        if (Unavailable is null)
        {
            return;
        }

        if (InCi)
        {
            Assert.Fail(Unavailable);
        }

        Assert.Skip(Unavailable);
    }

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }
}
