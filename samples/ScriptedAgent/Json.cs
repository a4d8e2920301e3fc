using System.Globalization;
using System.Text.Json;

namespace MleDojo.Samples.ScriptedAgent;

/// <summary>Reading fields of a tool's structured content (snake_case JSON) without binding to the server's types.</summary>
internal static class Json
{
    public static JsonElement? Get(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static string? Str(this JsonElement element, string name) =>
        element.Get(name) is { } value ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText() : null;

    public static double? Num(this JsonElement element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    public static bool Flag(this JsonElement element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.True };

    /// <summary>A required string field; a missing one means the server broke the contract.</summary>
    public static string Need(this JsonElement element, string name, string tool) =>
        element.Str(name) ?? throw new AgentFailure($"{tool} returned no '{name}' in its structured content: {Shorten(element.GetRawText(), 300)}");

    public static string Score(double? value) =>
        value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "-";

    public static string Seconds(double? value) =>
        value is { } v ? v.ToString(v < 100 ? "0.0" : "0", CultureInfo.InvariantCulture) + "s" : "-";

    public static string Shorten(string text, int max)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= max ? flat : flat[..(max - 3)] + "...";
    }

    /// <summary>The last <paramref name="count"/> non-empty lines of a block of output.</summary>
    public static IEnumerable<string> Tail(string? text, int count) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count);
}

/// <summary>The episode could not be played as scripted; the message says why.</summary>
internal sealed class AgentFailure(string message) : Exception(message);
