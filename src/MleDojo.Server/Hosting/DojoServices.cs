using System.ComponentModel.DataAnnotations;
using MleDojo.Core;
using MleDojo.Core.Competitions;
using MleDojo.Core.Execution;
using MleDojo.Core.Grading;
using MleDojo.Core.Recording;
using MleDojo.Core.Sessions;
using MleDojo.Sandbox.Docker;
using MleDojo.Sandbox.Local;
using Microsoft.Extensions.Logging;

namespace MleDojo.Server.Hosting;

/// <summary>
/// The environment's services built from options: shared by the MCP host and the offline verbs. Disposing it disposes
/// the sandbox provider (the Docker backend then removes its containers); the MCP host disposes the provider itself.
/// </summary>
internal sealed record DojoServices(
    DataRoot DataRoot,
    CompetitionCatalog Catalog,
    CompetitionPreparer Preparer,
    Grader Grader,
    ISandboxProvider Sandboxes,
    SqliteSessionStore Store) : IAsyncDisposable
{
    public static async Task<DojoServices> CreateAsync(MleDojoOptions options, CancellationToken cancellationToken)
    {
        options.Sessions.Ceilings.Validate();
        ValidateSessionOptions(options.Sessions);
        var catalog = CatalogContext.Create(options.Home, options.Competitions);
        var dataRoot = catalog.DataRoot;
        Directory.CreateDirectory(dataRoot.Path);
        var sandboxes = await CreateSandboxProviderAsync(options.Sandbox, dataRoot, cancellationToken).ConfigureAwait(false);
        try
        {
            var external = await ExternalGraders.CreateIfNeededAsync(catalog.Catalog.Registry.All, dataRoot, options.Sandbox, cancellationToken).ConfigureAwait(false);
            var store = await SqliteSessionStore.OpenAsync(dataRoot.DatabasePath, cancellationToken).ConfigureAwait(false);
            return new DojoServices(dataRoot, catalog.Catalog, catalog.Preparer, new Grader(external), sandboxes, store);
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

    public async ValueTask DisposeAsync()
    {
        if (Sandboxes is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }

    public SessionManager CreateSessionManager(SessionOptions options, ILogger<SessionManager>? logger = null) =>
        new(Catalog, Preparer, Grader, Sandboxes, Store, DataRoot, options, TimeProvider.System, logger);

    private static void ValidateSessionOptions(SessionOptions options)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new ValidationException($"invalid MleDojo:Sessions settings: {string.Join("; ", results.Select(r => r.ErrorMessage))}");
        }
    }

    private static async Task<ISandboxProvider> CreateSandboxProviderAsync(SandboxSettings settings, DataRoot dataRoot, CancellationToken cancellationToken)
    {
        switch (settings.Backend.ToLowerInvariant())
        {
            case "local":
                var local = new LocalSandboxOptions { AllowUnisolated = settings.AllowUnisolated };
                if (!string.IsNullOrWhiteSpace(settings.Python))
                {
                    local.PythonPath = settings.Python;
                }

                return await LocalSandboxProvider.ProbeAsync(local, cancellationToken).ConfigureAwait(false);
            case "docker":
                var docker = settings.Docker;
                var provider = await DockerSandboxProvider.CreateAsync(
                    new DockerSandboxOptions
                    {
                        Endpoint = docker.Endpoint,
                        TlsVerify = docker.TlsVerify,
                        CertPath = docker.CertPath,
                        TlsCaCertificate = docker.CaCertificate,
                        TlsCertificate = docker.Certificate,
                        TlsKey = docker.Key,
                        Image = string.IsNullOrWhiteSpace(docker.Image) ? DockerSandboxOptions.DefaultImage : docker.Image,

                        // Stable for this data root, so a restarted server removes what its crashed predecessor left.
                        InstanceId = docker.InstanceId ?? DockerInstance.ForDataRoot(dataRoot.Path),
                    },
                    cancellationToken).ConfigureAwait(false);
                if (provider.RemovedLeftovers > 0)
                {
                    await Console.Error.WriteLineAsync(
                        $"sandbox: removed {provider.RemovedLeftovers} container(s) an earlier run of this server left behind").ConfigureAwait(false);
                }

                return provider;
            default:
                throw new InvalidOperationException($"Unknown sandbox backend '{settings.Backend}'. Use 'local' or 'docker'.");
        }
    }
}
