using System.Text.Json.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>Result of list_files.</summary>
public sealed record FileListing(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("entries")] IReadOnlyList<FileEntry> Entries,
    [property: JsonPropertyName("truncated")] bool Truncated,
    [property: JsonPropertyName("budget")] BudgetStatus Budget);
