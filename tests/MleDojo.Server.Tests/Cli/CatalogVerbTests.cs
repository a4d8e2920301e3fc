using System.Text.Json;
using MleDojo.Server.Tests.Support;

namespace MleDojo.Server.Tests.Cli;

/// <summary>The catalog's generated page and the recorded solution scores, checked through the built <c>mledojo</c> executable.</summary>
public sealed class CatalogVerbTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("mledojo-catalog-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CompetitionsCatalog_Output_MatchesTheCommittedDocsPage()
    {
        // Row counts of package-built competitions need the packages: the repository's pinned ones, as ./run test installs them.
        var packages = string.Join(Path.PathSeparator, new[] { Environment.GetEnvironmentVariable("MLEDOJO_PACKAGES"), Path.Combine(RepositoryPaths.Root, "data-packages", "node_modules") }.Where(p => !string.IsNullOrEmpty(p)));
        var generated = await MledojoCli.RunAsync(_home, new Dictionary<string, string> { ["MLEDOJO_PACKAGES"] = packages }, Ct, "competitions", "catalog");

        Assert.Equal(0, generated.ExitCode);
        var committed = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "competitions.md"), Ct);
        Assert.True(committed == generated.Stdout,
            "docs/competitions.md is stale: run `mledojo competitions catalog --output docs/competitions.md` (with the data packages installed: npm ci --prefix data-packages, apt-get install dataset-fashion-mnist)");
    }

    [Fact]
    public async Task CalibrateCheck_LiteSolutions_ReproduceTheRecordedScores()
    {
        var lite = JsonDocument.Parse((await RunAsync("competitions", "list", "--tag", "lite", "--json")).Stdout)
            .RootElement.EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();

        var result = await RunAsync("calibrate", "--tag", "lite", "--check");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.True(lite.Count >= 4, $"only {lite.Count} lite competitions");
        foreach (var id in lite)
        {
            Assert.Contains($"{id} ", result.Stdout, StringComparison.Ordinal);
            var lines = result.Stdout.Split('\n').Where(line => line.StartsWith(id + " ", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, lines.Count);

            // The equivalence check of the warm path: the recorded scores reproduce with runs forked from the template.
            Assert.All(lines, line => Assert.EndsWith(" warm", line.TrimEnd(), StringComparison.Ordinal));
        }

        Assert.Contains($"check: all {lite.Count} competitions reproduce", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalibrateCheck_WrongRecordedScore_FailsNamingTheScore()
    {
        var extra = Path.Combine(_home, "extra");
        var folder = CopyCompetition("penguins", Path.Combine(extra, "penguins-drifted"));
        var spec = Path.Combine(folder, "competition.yaml");
        var yaml = await File.ReadAllTextAsync(spec, Ct);
        yaml = yaml.Replace("id: penguins", "id: penguins-drifted", StringComparison.Ordinal);
        yaml = System.Text.RegularExpressions.Regex.Replace(yaml, @"reference: [0-9.]+", "reference: 0.25");
        await File.WriteAllTextAsync(spec, yaml, Ct);

        var result = await RunAsync("--competitions", extra, "calibrate", "penguins-drifted", "--check");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("penguins-drifted reference: scored", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("records 0.25", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("penguins-drifted baseline: scored", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private static string CopyCompetition(string id, string target) => DirectoryTree.Copy(Path.Combine(RepositoryPaths.Competitions, id), target);

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => MledojoCli.RunAsync(_home, Ct, args);
}
