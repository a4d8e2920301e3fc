using System.Text.Json;

namespace MleDojo.Core.Tests.Metrics;

/// <summary>Structural JSON comparison that tolerates last-bit differences in numbers.</summary>
internal static class JsonDifference
{
    private const double RelativeTolerance = 1e-12;

    /// <summary>The path and values of the first difference, or null when the documents agree.</summary>
    public static string? Find(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: {expected.ValueKind} vs {actual.ValueKind}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var names = expected.EnumerateObject().Select(p => p.Name).ToList();
                var otherNames = actual.EnumerateObject().Select(p => p.Name).ToList();
                if (!names.SequenceEqual(otherNames))
                {
                    return $"{path}: keys [{string.Join(", ", names)}] vs [{string.Join(", ", otherNames)}]";
                }

                foreach (string name in names)
                {
                    string child = name == "id" ? path : $"{path}.{name}";
                    string? difference = Find(expected.GetProperty(name), actual.GetProperty(name), child);
                    if (difference is not null)
                    {
                        return expected.TryGetProperty("id", out JsonElement id) ? $"[{id}] {difference}" : difference;
                    }
                }

                return null;

            case JsonValueKind.Array:
                int length = expected.GetArrayLength();
                if (length != actual.GetArrayLength())
                {
                    return $"{path}: {length} items vs {actual.GetArrayLength()}";
                }

                for (int i = 0; i < length; i++)
                {
                    string? difference = Find(expected[i], actual[i], $"{path}[{i}]");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;

            case JsonValueKind.Number:
                double a = expected.GetDouble();
                double b = actual.GetDouble();
                return a == b || Math.Abs(a - b) <= RelativeTolerance * Math.Abs(a)
                    ? null
                    : $"{path}: {a:R} vs {b:R}";

            default:
                return expected.GetRawText() == actual.GetRawText()
                    ? null
                    : $"{path}: {expected.GetRawText()} vs {actual.GetRawText()}";
        }
    }
}
