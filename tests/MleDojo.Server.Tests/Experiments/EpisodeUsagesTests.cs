using System.Text.Json;
using MleDojo.Core;
using MleDojo.Server.Experiments;

namespace MleDojo.Server.Tests.Experiments;

/// <summary>What the report learns about an episode's tokens and cost from what this server's agents left on disk.</summary>
public sealed class EpisodeUsagesTests
{
    [Fact]
    public void Read_EvalCellAndAgentRunTranscript_TokensFromBothAndCostFromTheCell()
    {
        using var home = new TempDirectory("mledojo-usage-");
        var root = new DataRoot(home.Path);
        Directory.CreateDirectory(Path.Combine(root.Experiments, "smoke"));
        File.WriteAllText(Path.Combine(root.Experiments, "smoke", "a__titanic__seed0.json"), JsonSerializer.Serialize(new
        {
            cell = "a__titanic__seed0",
            experiment = "smoke",
            agent = "a",
            model = "m",
            competition_id = "titanic",
            seed = 0,
            session_id = "s-eval",
            steps = 3,
            turns = 4,
            tokens_in = 1200,
            tokens_out = 300,
            cost = 0.0125m,
        }));
        Directory.CreateDirectory(root.Transcripts);
        File.WriteAllText(Path.Combine(root.Transcripts, "s-run.json"), """
            [
              {"index": 1, "started_at": "2026-12-01T00:00:00Z", "duration_s": 1.0, "estimated_tokens_sent": 10, "input_tokens": 500, "output_tokens": 40, "new": [], "reply": []},
              {"index": 2, "started_at": "2026-12-01T00:00:01Z", "duration_s": 1.0, "estimated_tokens_sent": 10, "input_tokens": 700, "output_tokens": 60, "new": [], "reply": []}
            ]
            """);
        File.WriteAllText(Path.Combine(root.Transcripts, "s-broken.json"), "{ not json");

        var usage = EpisodeUsages.Read(root);

        Assert.Equal(new Reports.EpisodeUsage(1200, 300, 0.0125m), usage["s-eval"]);
        Assert.Equal(new Reports.EpisodeUsage(1200, 100, null), usage["s-run"]);
        Assert.False(usage.ContainsKey("s-broken"));
    }

    [Fact]
    public void Read_EmptyDataRoot_KnowsNothing()
    {
        using var home = new TempDirectory("mledojo-usage-");

        Assert.Empty(EpisodeUsages.Read(new DataRoot(home.Path)));
    }
}
