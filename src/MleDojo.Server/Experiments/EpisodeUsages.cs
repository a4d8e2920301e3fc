using System.Text.Json;
using MleDojo.Agents;
using MleDojo.Core;
using MleDojo.Reports;

namespace MleDojo.Server.Experiments;

/// <summary>
/// What this server's own agents reported about their episodes' cost, for reports: tokens and cost from eval's cell
/// records, else tokens from the transcripts that <c>mledojo agent run</c> keeps. Episodes played by outside clients
/// have neither, and reports show no cost for them.
/// </summary>
internal static class EpisodeUsages
{
    public static IReadOnlyDictionary<string, EpisodeUsage> Read(DataRoot dataRoot)
    {
        var usage = new Dictionary<string, EpisodeUsage>(StringComparer.Ordinal);
        if (Directory.Exists(dataRoot.Transcripts))
        {
            foreach (var path in Directory.EnumerateFiles(dataRoot.Transcripts, "*.json"))
            {
                if (FromTranscript(path) is { } tokens)
                {
                    usage[Path.GetFileNameWithoutExtension(path)] = tokens;
                }
            }
        }

        if (Directory.Exists(dataRoot.Experiments))
        {
            foreach (var experiment in Directory.EnumerateDirectories(dataRoot.Experiments))
            {
                foreach (var cell in new ExperimentStore(experiment).Finished().Values.Where(c => c.SessionId is not null))
                {
                    var reported = cell.TokensIn > 0 || cell.TokensOut > 0;
                    usage[cell.SessionId!] = new EpisodeUsage(reported ? cell.TokensIn : null, reported ? cell.TokensOut : null, cell.Cost);
                }
            }
        }

        return usage;
    }

    private static EpisodeUsage? FromTranscript(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var calls = JsonSerializer.Deserialize<List<TranscriptCall>>(stream) ?? [];
            var input = calls.Select(c => c.InputTokens).OfType<long>().ToList();
            var output = calls.Select(c => c.OutputTokens).OfType<long>().ToList();
            return input.Count == 0 && output.Count == 0 ? null : new EpisodeUsage(input.Count > 0 ? input.Sum() : null, output.Count > 0 ? output.Sum() : null, null);
        }
        catch (JsonException)
        {
            // A transcript that is not one (hand-edited, truncated) only loses its token counts.
            return null;
        }
    }
}
