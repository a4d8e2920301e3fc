using MleDojo.Core.Competitions;
using MleDojo.Core.Metrics;
using MleDojo.Core.Tests.Support;

namespace MleDojo.Core.Tests.Competitions;

public sealed class CompetitionSpecLoaderTests
{
    [Fact]
    public void Load_ValidFolder_ReadsEveryField()
    {
        using var temp = new TempDirectory();
        var dir = FixtureCompetition.WriteLabel(temp.Path);

        var spec = CompetitionSpecLoader.Load(dir);

        Assert.Equal("fixture", spec.Id);
        Assert.Equal("accuracy", spec.Metric.Name);
        Assert.True(spec.Metric.HigherIsBetter);
        Assert.Equal(PredictionKind.Label, spec.Submission.Kind);
        Assert.Equal(["Label"], spec.Data.TargetColumns);
        Assert.Equal(["a", "b"], spec.Submission.Classes);
        Assert.Equal(2, spec.Data.DropColumns.Count);
        Assert.Equal(new ScoreAnchors(0.5, 0.9, null), spec.Scores);
        Assert.Equal(42UL, spec.Split.Seed);
    }

    [Theory]
    [InlineData("higher_is_better: true", "higher_is_better: false", "metric.higher_is_better")]
    [InlineData("name: accuracy", "name: acuracy", "unknown metric")]
    [InlineData("kind: label", "kind: labels", "submission.kind")]
    [InlineData("seed: 42", "seed_x: 42", "line")]
    [InlineData("raw: data/raw.csv", "raw: data/missing.csv", "data.raw")]
    [InlineData("licence: CC0", "licence: ''", "source.licence")]
    [InlineData("test_fraction: 0.3", "test_fraction: 1.5", "split.test_fraction")]
    public void Load_BrokenField_NamesFileAndField(string from, string to, string expectedInMessage)
    {
        using var temp = new TempDirectory();
        var dir = FixtureCompetition.WriteLabel(temp.Path);
        var specPath = Path.Combine(dir, "competition.yaml");
        File.WriteAllText(specPath, File.ReadAllText(specPath).Replace(from, to, StringComparison.Ordinal));

        var ex = Assert.Throws<CompetitionSpecException>(() => CompetitionSpecLoader.Load(dir));

        Assert.Contains(specPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expectedInMessage, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Load_IdDiffersFromFolder_IsRejected()
    {
        using var temp = new TempDirectory();
        var dir = FixtureCompetition.WriteLabel(temp.Path);
        var renamed = Path.Combine(temp.Path, "other-name");
        Directory.Move(dir, renamed);

        var ex = Assert.Throws<CompetitionSpecException>(() => CompetitionSpecLoader.Load(renamed));

        Assert.Contains("must equal the folder name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_BrokenFolder_IsReportedAndOthersStillLoad()
    {
        using var temp = new TempDirectory();
        FixtureCompetition.WriteLabel(temp.Path);
        var broken = FixtureCompetition.WriteLabel(temp.Path, id: "broken");
        File.WriteAllText(Path.Combine(broken, "competition.yaml"), "id: broken\ntitle: [unclosed\n");

        var registry = CompetitionRegistry.Load([temp.Path]);

        Assert.Equal(["fixture"], registry.All.Select(c => c.Id));
        var problem = Assert.Single(registry.Problems);
        Assert.Contains(Path.Combine(broken, "competition.yaml"), problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_UnknownId_ListsKnownCompetitions()
    {
        using var temp = new TempDirectory();
        FixtureCompetition.WriteLabel(temp.Path);
        var registry = CompetitionRegistry.Load([temp.Path]);

        var ex = Assert.Throws<UnknownCompetitionException>(() => registry.Get("titanc"));

        Assert.Contains("titanc", ex.Message, StringComparison.Ordinal);
        Assert.Contains("fixture", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_FilterByTag_KeepsMatchingOnly()
    {
        using var temp = new TempDirectory();
        FixtureCompetition.WriteLabel(temp.Path);
        FixtureCompetition.WriteRegression(temp.Path);
        var registry = CompetitionRegistry.Load([temp.Path]);

        Assert.Equal(["fixture"], registry.Filter("test").Select(c => c.Id));
        Assert.Equal(2, registry.Filter("tabular").Count);
    }
}
