using System.ComponentModel;
using System.Text.Json.Serialization;
using MleDojo.Core.Competitions;
using ModelContextProtocol.Server;

namespace MleDojo.Server.Tools;

/// <summary>Browsing the catalog.</summary>
[McpServerToolType]
public sealed class CompetitionTools
{
    /// <summary>list_competitions.</summary>
    [McpServerTool(Name = "list_competitions", Title = "List competitions", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Lists the competitions this server offers, with metric, direction and size. Filter by a tag or category such as 'lite', 'tabular', 'binary'.")]
    public static async Task<CompetitionList> ListCompetitions(
        CompetitionCatalog catalog,
        [Description("Optional tag or category to filter by (e.g. lite, tabular, nlp, cv, time-series).")] string? category = null,
        CancellationToken cancellationToken = default) =>
        new(await catalog.ListAsync(string.IsNullOrWhiteSpace(category) ? null : category, cancellationToken));

    /// <summary>The result of list_competitions.</summary>
    public sealed record CompetitionList([property: JsonPropertyName("competitions")] IReadOnlyList<CompetitionSummary> Competitions);
}
