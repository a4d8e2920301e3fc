using System.ComponentModel;
using MleDojo.Core.Competitions;
using ModelContextProtocol.Server;

namespace MleDojo.Server.Tools;

/// <summary>Browsing the catalog.</summary>
[McpServerToolType]
public sealed class CompetitionTools
{
    /// <summary>list_competitions.</summary>
    [McpServerTool(Name = "list_competitions", Title = "List competitions", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Lists the competitions this server offers, with metric, direction and size. Filter by a category (tabular, nlp, cv, time-series) and/or tags such as 'lite', 'binary', 'image'; a competition must match all of them.")]
    public static async Task<CompetitionList> ListCompetitions(
        CompetitionCatalog catalog,
        [Description("Optional category or tag to filter by (e.g. tabular, nlp, cv, time-series, lite).")] string? category = null,
        [Description("Optional tags that must all be present (e.g. [\"lite\"] or [\"nlp\", \"binary\"]).")] string[]? tags = null,
        CancellationToken cancellationToken = default)
    {
        string[] terms = [.. new[] { category }.Concat(tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim())];
        return new(await catalog.ListAsync(terms, cancellationToken));
    }
}
