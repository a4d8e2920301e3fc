using System.Text.Json.Serialization;

namespace MleDojo.Core.Competitions;

/// <summary>One line of the catalog, as <c>list_competitions</c> and <c>mledojo competitions list</c> show it.</summary>
public sealed record CompetitionSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("higher_is_better")] bool HigherIsBetter,
    [property: JsonPropertyName("licence")] string Licence)
{
    // Optional fields are init properties, not constructor parameters: the MCP output schema marks constructor
    // parameters as required, and null values are left out of the structured result.

    /// <summary>Labelled rows in the raw data; absent when the data's package is not installed.</summary>
    [JsonPropertyName("rows")]
    public int? Rows { get; init; }

    /// <summary>Why the competition cannot be started here (a missing data package, with its install command).</summary>
    [JsonPropertyName("unavailable")]
    public string? Unavailable { get; init; }

    /// <summary>Summarises a spec; <paramref name="rows"/> is the number of labelled rows in the raw data, when readable.</summary>
    public static CompetitionSummary From(CompetitionSpec spec, int? rows, string? unavailable = null) =>
        new(spec.Id, spec.Title, spec.Category, spec.Task, spec.Tags, spec.Metric.Name, spec.Metric.HigherIsBetter, spec.Source.Licence)
        {
            Rows = rows,
            Unavailable = unavailable,
        };
}
