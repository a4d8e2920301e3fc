using System.ComponentModel.DataAnnotations;
using MleDojo.Core;
using MleDojo.Core.Competitions;
using MleDojo.Core.Execution;
using MleDojo.Core.Grading;
using MleDojo.Core.Recording;
using MleDojo.Core.Sessions;
using MleDojo.Sandbox.Local;
using Microsoft.Extensions.Logging;

namespace MleDojo.Server.Hosting;

/// <summary>The environment's services built from options: shared by the MCP host and the offline verbs.</summary>
internal sealed record DojoServices(
    DataRoot DataRoot,
    CompetitionCatalog Catalog,
    CompetitionPreparer Preparer,
    Grader Grader,
    ISandboxProvider Sandboxes,
    SqliteSessionStore Store)
{
    public static async Task<DojoServices> CreateAsync(MleDojoOptions options, CancellationToken cancellationToken)
    {
        options.Sessions.Ceilings.Validate();
        ValidateSessionOptions(options.Sessions);
        var catalog = Cli.CatalogContext.Create(options.Home, options.Competitions);
        Directory.CreateDirectory(catalog.DataRoot.Path);
        var sandboxes = await CreateSandboxProviderAsync(options.Sandbox, cancellationToken).ConfigureAwait(false);
        var store = await SqliteSessionStore.OpenAsync(catalog.DataRoot.DatabasePath, cancellationToken).ConfigureAwait(false);
        return new DojoServices(catalog.DataRoot, catalog.Catalog, catalog.Preparer, new Grader(), sandboxes, store);
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

    private static async Task<ISandboxProvider> CreateSandboxProviderAsync(SandboxSettings settings, CancellationToken cancellationToken)
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
            default:
                throw new InvalidOperationException($"Unknown sandbox backend '{settings.Backend}'. Use 'local'.");
        }
    }
}
