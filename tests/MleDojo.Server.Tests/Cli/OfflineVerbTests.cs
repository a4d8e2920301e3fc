using System.Text.Json;
using MleDojo.Server.Tests.Support;

namespace MleDojo.Server.Tests.Cli;

/// <summary>The offline verbs of the built <c>mledojo</c> executable: catalog, preparation and grading, with their exit codes.</summary>
public sealed class OfflineVerbTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("mledojo-cli-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CompetitionsList_TableAndJson_ShowTheShippedCatalog()
    {
        var table = await RunAsync("competitions", "list");
        var json = await RunAsync("competitions", "list", "--tag", "binary", "--json");

        Assert.Equal(0, table.ExitCode);
        foreach (var id in new[] { "titanic", "house-prices-ames", "telco-churn", "penguins" })
        {
            Assert.Contains(id, table.Stdout, StringComparison.Ordinal);
        }

        var listed = JsonDocument.Parse(json.Stdout).RootElement.EnumerateArray().ToList();
        Assert.All(listed, c => Assert.Contains("binary", c.GetProperty("tags").EnumerateArray().Select(t => t.GetString())));
        var ids = listed.Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Contains("titanic", ids);
        Assert.Contains("telco-churn", ids);
        Assert.DoesNotContain("penguins", ids);
    }

    [Fact]
    public async Task Prepare_RunTwice_PrintsTheSameChecksums()
    {
        var first = await RunAsync("prepare", "titanic");
        var again = await RunAsync("prepare", "titanic", "--force");

        Assert.Equal(0, first.ExitCode);
        var sums = Checksums(first.Stdout);
        Assert.Equal(4, sums.Count);
        Assert.Equal(sums, Checksums(again.Stdout));
        Assert.Contains(sums, s => s.EndsWith("private/answers.csv", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Grade_ValidSubmission_PrintsScoresAndExitsZero()
    {
        await RunAsync("prepare", "titanic");
        var sample = Path.Combine(_home, "prepared", "titanic", "public", "sample_submission.csv");

        var result = await RunAsync("grade", "--competition", "titanic", "--submission", sample, "--json");

        Assert.Equal(0, result.ExitCode);
        var report = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.True(report.GetProperty("valid_submission").GetBoolean());
        Assert.InRange(report.GetProperty("private_score").GetDouble(), 0.5, 0.75);
        Assert.Equal(JsonValueKind.Number, report.GetProperty("normalized_score").ValueKind);
        Assert.False(report.GetProperty("is_lower_better").GetBoolean());
    }

    [Fact]
    public async Task Grade_InvalidSubmission_ListsEveryProblemAndExitsTwo()
    {
        var bad = Path.Combine(_home, "bad.csv");
        await File.WriteAllTextAsync(bad, "PassengerId,Survived,extra\n1,1,x\n1,1,x\n99999,maybe,x\n", Ct);

        var result = await RunAsync("grade", "--competition", "titanic", "--submission", bad);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("INVALID", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[extra_columns]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("hint:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grade_UnknownCompetition_NamesTheKnownOnesAndExitsOne()
    {
        var result = await RunAsync("grade", "--competition", "titanc", "--submission", "x.csv");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Unknown competition 'titanc'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("titanic", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("list_competitions", result.Stderr, StringComparison.Ordinal); // an MCP tool: not the CLI's words
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private static List<string> Checksums(string stdout) =>
        [.. stdout.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 66 && l[64] == ' ' && l[..64].All(Uri.IsHexDigit))];

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => MledojoCli.RunAsync(_home, Ct, args);
}
