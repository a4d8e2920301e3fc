using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MleDojo.Agents;

/// <summary>Cutting long text to a head and a tail, saying so, as the server does for run output.</summary>
internal static class OutputText
{
    /// <summary>Compact JSON that a model reads without escapes it does not need.</summary>
    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The text whole when it fits in <paramref name="maxChars"/>, else its head and tail with the cut said between.</summary>
    public static string Cut(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        var keep = Math.Max(1, (maxChars - 60) / 2);
        return $"{text[..keep]}\n[... {text.Length - (2 * keep):N0} characters cut ...]\n{text[^keep..]}";
    }

    /// <summary>Cuts every string value in <paramref name="node"/> longer than <paramref name="maxChars"/>.</summary>
    public static void CutStrings(JsonNode? node, int maxChars)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > maxChars)
                    {
                        obj[key] = Cut(s, maxChars);
                    }
                    else
                    {
                        CutStrings(value, maxChars);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > maxChars)
                    {
                        array[i] = Cut(s, maxChars);
                    }
                    else
                    {
                        CutStrings(array[i], maxChars);
                    }
                }

                break;
        }
    }
}
