using System.Globalization;
using System.Text.Json;

namespace MleDojo.Sandbox.Slurm;

/// <summary>
/// Reads <c>squeue --json</c> (the openapi data of Slurm 22.05 and later): the <c>jobs</c> array, with the fields the
/// backend needs. Fields that later versions turned into objects or arrays (<c>job_state</c> as a list, numbers as
/// <c>{"set":..,"number":..}</c>) are read in either shape.
/// </summary>
internal static class SqueueJson
{
    public static IReadOnlyList<SlurmJob> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("jobs", out var jobs) || jobs.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("no jobs array");
        }

        var result = new List<SlurmJob>(jobs.GetArrayLength());
        foreach (var job in jobs.EnumerateArray())
        {
            result.Add(new SlurmJob(
                Number(job, "job_id"),
                Text(job, "name"),
                Text(job, "comment"),
                Text(job, "job_state"),
                Text(job, "state_reason"),
                Number(job, "user_id"),
                Text(job, "nodes")));
        }

        return result;
    }

    private static string Text(JsonElement job, string name)
    {
        if (!job.TryGetProperty(name, out var value))
        {
            return "";
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(v => v.ToString())),
            JsonValueKind.Null => "",
            _ => value.ToString(),
        };
    }

    private static long Number(JsonElement job, string name)
    {
        if (!job.TryGetProperty(name, out var value))
        {
            throw new JsonException($"a job without {name}");
        }

        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("number", out var inner))
        {
            value = inner;
        }

        return value.ValueKind == JsonValueKind.Number
            ? value.GetInt64()
            : long.Parse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
