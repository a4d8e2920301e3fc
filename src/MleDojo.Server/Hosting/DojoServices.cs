using MleDojo.Core.Execution;
using MleDojo.Core.Grading;
using MleDojo.Core.Recording;
using MleDojo.Core.Sessions;
using MleDojo.Sandbox.Docker;
using MleDojo.Sandbox.Isolated;
using MleDojo.Sandbox.Local;
using MleDojo.Sandbox.Slurm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MleDojo.Server.Hosting;

/// <summary>
/// The services that start asynchronously, which a DI factory cannot create: the sandbox backend (the local probe, or
/// the Docker engine's checks and leftover sweep), the grader process for imported competitions, and the session
/// database. <see cref="StartAsync"/> creates them once, before anything resolves the session manager. Disposing it
/// (the host does) disposes the sandbox backend: the Docker backend then removes every container it made.
/// </summary>
internal sealed class DojoServices(
    CatalogContext catalog,
    IOptions<SandboxSettings> sandbox,
    IOptions<LocalSandboxOptions> local,
    IOptions<DockerSandboxOptions> docker,
    IOptions<SlurmSandboxOptions> slurm,
    IOptions<IsolatedPythonOptions> isolated,
    ILoggerFactory loggers) : IAsyncDisposable
{
    private ISandboxProvider? _sandboxes;
    private Grader? _grader;
    private SqliteSessionStore? _store;

    /// <summary>The configured sandbox backend.</summary>
    public ISandboxProvider Sandboxes => _sandboxes ?? throw NotStarted();

    /// <summary>The grader, with the grader process when an imported competition needs one.</summary>
    public Grader Grader => _grader ?? throw NotStarted();

    /// <summary>The session database.</summary>
    public SqliteSessionStore Store => _store ?? throw NotStarted();

    /// <summary>Creates the sandbox backend, the grader and the database. Call once, before resolving the session manager.</summary>
    /// <exception cref="SandboxException">The Docker engine cannot be reached or lacks the image; the message says what to do.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_sandboxes is not null)
        {
            throw new InvalidOperationException("The environment's services are started already.");
        }

        var dataRoot = catalog.DataRoot;
        Directory.CreateDirectory(dataRoot.Path);
        var sandboxes = sandbox.Value switch
        {
            { IsDocker: true } => (ISandboxProvider)await DockerSandboxProvider.CreateAsync(docker.Value, loggers.CreateLogger<DockerSandboxProvider>(), cancellationToken).ConfigureAwait(false),
            { IsSlurm: true } => await SlurmSandboxProvider.CreateAsync(slurm.Value, local.Value, dataRoot.Path, loggers.CreateLogger<SlurmSandboxProvider>(), cancellationToken).ConfigureAwait(false),
            _ => await LocalSandboxProvider.ProbeAsync(local.Value, loggers.CreateLogger<LocalSandboxProvider>(), cancellationToken).ConfigureAwait(false),
        };
        try
        {
            var external = await ExternalGraders.CreateIfNeededAsync(catalog.Catalog.Registry.All, dataRoot, isolated.Value, loggers, cancellationToken).ConfigureAwait(false);
            _store = await SqliteSessionStore.OpenAsync(dataRoot.DatabasePath, cancellationToken).ConfigureAwait(false);
            _grader = new Grader(external);
            if (sandboxes is SlurmSandboxProvider cluster)
            {
                // Allocations a crashed predecessor left for sessions that are over (or unknown) are released now;
                // live sessions re-attach to theirs when they next run.
                var live = await _store.ListActiveSessionsAsync(cancellationToken).ConfigureAwait(false);
                await cluster.CancelOrphansAsync([.. live.Select(s => s.Id)], cancellationToken).ConfigureAwait(false);
            }

            _sandboxes = sandboxes;
        }
        catch
        {
            if (sandboxes is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>The session manager over these services. The host registers one; <c>calibrate</c> resolves it too.</summary>
    public SessionManager CreateSessionManager(SessionOptions options) =>
        new(catalog.Catalog, catalog.Preparer, Grader, Sandboxes, Store, catalog.DataRoot, options, TimeProvider.System, loggers.CreateLogger<SessionManager>());

    public async ValueTask DisposeAsync()
    {
        if (_sandboxes is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static InvalidOperationException NotStarted() =>
        new("The environment's services are not started: call DojoServices.StartAsync before resolving the session manager.");
}
