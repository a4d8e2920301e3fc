using System.Text.Json.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>One file or directory in a listing.</summary>
public sealed record FileEntry(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("read_only")] bool ReadOnly);
