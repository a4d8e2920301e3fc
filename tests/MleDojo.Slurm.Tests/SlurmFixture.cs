using MleDojo.Core.Execution;
using MleDojo.Sandbox.Local;
using MleDojo.Sandbox.Slurm;

// The backend is Linux-only, and the tests read the host's /proc to see what runs on the nodes (they are this machine).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
[assembly: AssemblyFixture(typeof(MleDojo.Slurm.Tests.SlurmFixture))]

// Attack tests fork-bomb and allocate: one at a time keeps a 2-core machine responsive.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MleDojo.Slurm.Tests;

/// <summary>
/// One provider for the test run, on the cluster of scripts/slurm-cluster.sh (SLURM_CONF), with its own shared root and
/// data root. Without a cluster the tests cannot run: under CI (CI=true) that is a failure, elsewhere each test is
/// skipped with the reason.
/// </summary>
public sealed class SlurmFixture : IAsyncLifetime
{
    private SlurmSandboxProvider? _provider;

    /// <summary>A label value unique to this test run, so parallel runs on one cluster never cancel each other's jobs.</summary>
    public string InstanceId { get; } = $"test-{Environment.ProcessId}-{Guid.NewGuid():N}"[..24];

    /// <summary>The shared root: workspaces of the tests live under it.</summary>
    public string SharedRoot { get; } = Directory.CreateTempSubdirectory("mledojo-slurm-shared-").FullName;

    /// <summary>The data root the provider is told about (kept apart from the shared root).</summary>
    public string DataRoot { get; } = Directory.CreateTempSubdirectory("mledojo-slurm-home-").FullName;

    public string? Unavailable { get; private set; }

    public SlurmSandboxProvider Provider => _provider ?? throw new InvalidOperationException(Unavailable);

    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) && Environment.GetEnvironmentVariable("CI") != "false";

    /// <summary>Options for a provider of instance <paramref name="instanceId"/> on the test cluster.</summary>
    public SlurmSandboxOptions Options(string instanceId, string? partition = null) => new()
    {
        SharedRoot = SharedRoot,
        InstanceId = instanceId,
        Partition = partition,
        AllocationWait = TimeSpan.FromSeconds(60),
    };

    /// <summary>Whether the suite runs cold (MLEDOJO_TEST_SLURM_COLD=1): every run a job step of its own, no warm template.</summary>
    public static bool Cold => Environment.GetEnvironmentVariable("MLEDOJO_TEST_SLURM_COLD") == "1";

    public Task<SlurmSandboxProvider> CreateProviderAsync(string instanceId, CancellationToken cancellationToken) =>
        SlurmSandboxProvider.CreateAsync(Options(instanceId), new LocalSandboxOptions { WarmInterpreter = !Cold }, DataRoot, cancellationToken: cancellationToken);

    public async ValueTask InitializeAsync()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SLURM_CONF")))
        {
            Unavailable = "No Slurm cluster: SLURM_CONF is not set (eval \"$(scripts/slurm-cluster.sh start)\").";
            return;
        }

        try
        {
            _provider = await CreateProviderAsync(InstanceId, TestContext.Current.CancellationToken);
        }
        catch (SandboxException ex)
        {
            Unavailable = $"No usable Slurm cluster: {ex.Message}";
        }
    }

    /// <summary>Fails the test under CI, else skips it, when there is no cluster.</summary>
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

        foreach (var directory in new[] { SharedRoot, DataRoot })
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Temporary files; the OS cleans them eventually.
            }
        }
    }
}
