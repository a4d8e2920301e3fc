using System.Text.Json;
using System.Text.Json.Serialization;

namespace MleDojo.Server.Dashboard;

/// <summary>
/// The head and tail of what a run printed. A run may print megabytes; the start says what it set out to do and the end
/// how it finished, which is what someone watching needs, so the middle is left out and counted.
/// </summary>
internal sealed record OutputExcerpt
{
    /// <summary>Lines kept at each end of a stream.</summary>
    public const int Lines = 15;

    /// <summary>Characters kept at most per line, so one huge line cannot fill the page.</summary>
    public const int LineLength = 300;

    /// <summary>The first lines of stdout, then stderr.</summary>
    [JsonPropertyName("head")] public required string Head { get; init; }

    /// <summary>The last lines, or empty when the head holds everything.</summary>
    [JsonPropertyName("tail")] public required string Tail { get; init; }

    /// <summary>Lines between head and tail that are not shown.</summary>
    [JsonPropertyName("omitted_lines")] public required int OmittedLines { get; init; }

    /// <summary>The excerpt of a recorded run result, or null when the call has no output (yet).</summary>
    public static OutputExcerpt? From(string? resultJson)
    {
        if (string.IsNullOrEmpty(resultJson))
        {
            return null;
        }

        string stdout, stderr;
        try
        {
            using var document = JsonDocument.Parse(resultJson);
            stdout = Text(document.RootElement, "stdout");
            stderr = Text(document.RootElement, "stderr");
        }
        catch (JsonException)
        {
            // A result recorded by another version of the server: the timeline still shows the call, without output.
            return null;
        }

        var lines = SplitLines(stdout).Concat(stderr.Length == 0 ? [] : ["--- stderr ---", .. SplitLines(stderr)]).ToList();
        if (lines.Count == 0)
        {
            return null;
        }

        if (lines.Count <= 2 * Lines)
        {
            return new OutputExcerpt { Head = string.Join('\n', lines), Tail = "", OmittedLines = 0 };
        }

        return new OutputExcerpt
        {
            Head = string.Join('\n', lines.Take(Lines)),
            Tail = string.Join('\n', lines.TakeLast(Lines)),
            OmittedLines = lines.Count - (2 * Lines),
        };
    }

    private static string Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    private static IEnumerable<string> SplitLines(string text) =>
        text.Length == 0 ? [] : text.TrimEnd('\n', '\r').Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Select(line => line.Length > LineLength ? string.Concat(line.AsSpan(0, LineLength), "…") : line);
}
