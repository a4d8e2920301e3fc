using System.Text.Json.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>Result of request_info.</summary>
public sealed record InfoResult(
    [property: JsonPropertyName("info_type")] string InfoType,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("budget")] BudgetStatus Budget);
