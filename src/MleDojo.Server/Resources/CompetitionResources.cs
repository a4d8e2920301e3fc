using System.ComponentModel;
using MleDojo.Core.Competitions;
using ModelContextProtocol.Server;

namespace MleDojo.Server.Resources;

/// <summary>Competition descriptions as resources, so a client can show or attach them without a session.</summary>
[McpServerResourceType]
public sealed class CompetitionResources
{
    /// <summary>A competition's description.</summary>
    [McpServerResource(UriTemplate = "mledojo://competitions/{id}/description", Name = "competition_description", Title = "Competition description", MimeType = "text/markdown")]
    [Description("The agent-facing description of a competition: goal, files, fields, evaluation and submission format.")]
    public static string Description(CompetitionCatalog catalog, [Description("Competition id.")] string id)
    {
        return File.ReadAllText(catalog.Registry.Get(id).DescriptionPath);
    }
}
