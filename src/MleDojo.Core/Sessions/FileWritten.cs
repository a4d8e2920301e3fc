using System.Text.Json.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>Result of write_file.</summary>
public sealed record FileWritten(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("budget")] BudgetStatus Budget);
