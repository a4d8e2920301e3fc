using MleDojo.Core;
using MleDojo.Core.Competitions;
using MleDojo.Core.Competitions.RawSources;
using Microsoft.Extensions.Logging;

namespace MleDojo.Server.Hosting;

/// <summary>The data root, the catalog and the preparer: what the server and the offline verbs share.</summary>
internal sealed record CatalogContext(DataRoot DataRoot, CompetitionCatalog Catalog, CompetitionPreparer Preparer)
{
    /// <summary>Shipped competitions are copied next to the executable at build time.</summary>
    public static string ShippedCompetitions => Path.Combine(AppContext.BaseDirectory, "competitions");

    /// <summary>Loads the shipped competitions, the extra folders and the data root's imported ones; a folder that fails to load is logged and skipped.</summary>
    public static CatalogContext Create(DataRoot dataRoot, IEnumerable<string> extraDirectories, ILogger logger)
    {
        var extra = extraDirectories.Select(Path.GetFullPath).ToList();

        // Imported competitions live in $MLEDOJO_HOME/competitions: loaded by default, once it exists.
        if (Directory.Exists(dataRoot.Competitions) && !extra.Contains(dataRoot.Competitions, StringComparer.Ordinal))
        {
            extra.Add(dataRoot.Competitions);
        }

        var registry = CompetitionRegistry.Load([ShippedCompetitions, .. extra]);
        foreach (var problem in registry.Problems)
        {
            HostingLog.CompetitionProblem(logger, problem);
        }

        var packages = DatasetPackages.FromEnvironment(dataRoot);
        return new CatalogContext(dataRoot, new CompetitionCatalog(registry, packages), new CompetitionPreparer(dataRoot, packages));
    }
}
