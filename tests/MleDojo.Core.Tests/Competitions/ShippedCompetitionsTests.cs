using MleDojo.Core.Competitions;
using MleDojo.Core.Data;
using MleDojo.Core.Tests.Support;

namespace MleDojo.Core.Tests.Competitions;

/// <summary>Every competition in the repository's competitions/ folder is loadable, documented and leak-free.</summary>
public sealed class ShippedCompetitionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Ids() => [.. Registry().All.Select(c => c.Id)];

    [Fact]
    public void Registry_LoadsEveryShippedFolderWithoutProblems()
    {
        var registry = Registry();

        Assert.Empty(registry.Problems);
        Assert.True(registry.All.Count >= 4);
        Assert.Equal(Directory.GetDirectories(RepositoryPaths.Competitions).Length, registry.All.Count);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Spec_RecordsProvenanceLeakageReviewAndScoreAnchors(string id)
    {
        var spec = Registry().Get(id);

        Assert.False(string.IsNullOrWhiteSpace(spec.Source.Package));
        Assert.False(string.IsNullOrWhiteSpace(spec.Source.Licence));
        Assert.NotEmpty(spec.Leakage);
        Assert.NotNull(spec.Scores);
        Assert.True(File.Exists(Path.Combine(spec.Directory, "solutions", "baseline.py")));
        Assert.True(File.Exists(Path.Combine(spec.Directory, "solutions", "reference.py")));
        var description = File.ReadAllText(spec.DescriptionPath);
        Assert.Contains("submission", description, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(spec.Data.IdColumn, description, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Prepare_IsDeterministicAndKeepsAnswersOutOfAgentFiles(string id)
    {
        using var temp = new TempDirectory();
        var spec = Registry().Get(id);

        var first = await new CompetitionPreparer(new DataRoot(temp.Combine("a"))).PrepareAsync(spec, cancellationToken: Ct);
        var second = await new CompetitionPreparer(new DataRoot(temp.Combine("b"))).PrepareAsync(spec, cancellationToken: Ct);

        Assert.Equal(first.Manifest.Files, second.Manifest.Files);
        var (testHeader, _) = CsvText.ReadAll(Path.Combine(first.PublicDirectory, "test.csv"));
        var (trainHeader, _) = CsvText.ReadAll(Path.Combine(first.PublicDirectory, "train.csv"));
        foreach (var target in spec.Data.TargetColumns.Concat(spec.Data.RawTargets))
        {
            Assert.DoesNotContain(target, testHeader);
        }

        foreach (var dropped in spec.Data.DropColumns)
        {
            Assert.DoesNotContain(dropped.Name, trainHeader);
            Assert.DoesNotContain(dropped.Name, testHeader);
        }

        Assert.Equal(["sample_submission.csv", "test.csv", "train.csv"], Directory.GetFiles(first.PublicDirectory).Select(Path.GetFileName).Order());
    }

    private static CompetitionRegistry Registry() => CompetitionRegistry.Load([RepositoryPaths.Competitions]);
}
