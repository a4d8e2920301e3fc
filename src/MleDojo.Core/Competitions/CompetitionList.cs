using System.Text.Json.Serialization;

namespace MleDojo.Core.Competitions;

/// <summary>The result of list_competitions.</summary>
public sealed record CompetitionList([property: JsonPropertyName("competitions")] IReadOnlyList<CompetitionSummary> Competitions);
