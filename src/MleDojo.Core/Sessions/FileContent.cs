using System.Text.Json.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>Result of read_file: a page of text.</summary>
public sealed record FileContent(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("offset")] long Offset,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("next_offset")] long? NextOffset,
    [property: JsonPropertyName("budget")] BudgetStatus Budget);
