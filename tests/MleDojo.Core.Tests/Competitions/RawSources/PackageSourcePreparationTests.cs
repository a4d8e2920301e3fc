using MleDojo.Core.Competitions;
using MleDojo.Core.Competitions.RawSources;
using MleDojo.Core.Data;
using MleDojo.Core.Tests.Support;

namespace MleDojo.Core.Tests.Competitions.RawSources;

/// <summary>A competition whose raw table is built from a (fake, extracted) Debian package's IDX files, end to end.</summary>
public sealed class PackageSourcePreparationTests
{
    private const string PackageDirectory = "/usr/share/datasets/mledojo-fixture-images";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Prepare_IdxPackage_WritesPixelColumnsAndKeepsLabelsPrivate()
    {
        using var temp = new TempDirectory();
        var (spec, packages) = WriteCompetition(temp);

        var prepared = await new CompetitionPreparer(new DataRoot(temp.Combine("home")), packages).PrepareAsync(spec, cancellationToken: Ct);

        var (trainHeader, train) = CsvText.ReadAll(Path.Combine(prepared.PublicDirectory, "train.csv"));
        var (testHeader, test) = CsvText.ReadAll(Path.Combine(prepared.PublicDirectory, "test.csv"));
        var (_, answers) = CsvText.ReadAll(prepared.AnswersPath);
        Assert.Equal(["id", "pixel0", "pixel1", "pixel2", "pixel3", "label"], trainHeader);
        Assert.Equal(["id", "pixel0", "pixel1", "pixel2", "pixel3"], testHeader);
        Assert.Equal(40, train.Count + test.Count);
        // Image i has pixels (i, 2i, 255 - i, 0) and label i % 10, so every row can be checked against its source.
        Assert.All(train, r => AssertImage(r[1..5], r[5]));
        var labels = answers.ToDictionary(a => a[0], a => a[1]);
        Assert.All(test, r => AssertImage(r[1..5], labels[r[0]]));
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], prepared.Manifest.Classes);
    }

    [Fact]
    public async Task Prepare_DamagedPackageFile_IsASpecErrorNamingTheFile()
    {
        using var temp = new TempDirectory();
        var (spec, packages) = WriteCompetition(temp);
        var images = temp.Combine("extract") + PackageDirectory + "/images-idx3-ubyte.gz";
        File.WriteAllBytes(images, File.ReadAllBytes(images)[..30]);

        var ex = await Assert.ThrowsAsync<CompetitionSpecException>(() => new CompetitionPreparer(new DataRoot(temp.Combine("home")), packages).PrepareAsync(spec, cancellationToken: Ct));

        Assert.Contains("data.source", ex.Message, StringComparison.Ordinal);
        Assert.Contains(images, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_CountsRowsFromTheHeaders_AndListsADamagedPackageAsUnavailable()
    {
        using var temp = new TempDirectory();
        var (spec, packages) = WriteCompetition(temp);
        var registry = CompetitionRegistry.Load([Path.GetDirectoryName(spec.Directory)!]);

        var rows = (await new CompetitionCatalog(registry, packages).ListAsync(cancellationToken: Ct)).Single().Rows;
        File.WriteAllText(temp.Combine("extract") + PackageDirectory + "/labels-idx1-ubyte.gz", "not idx");
        var damaged = (await new CompetitionCatalog(registry, packages).ListAsync(cancellationToken: Ct)).Single();

        Assert.Equal(40, rows);
        Assert.Null(damaged.Rows);
        Assert.Contains("labels-idx1-ubyte.gz", damaged.Unavailable, StringComparison.Ordinal);
    }

    private static void AssertImage(string[] pixels, string label)
    {
        var i = int.Parse(pixels[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([$"{i}", $"{2 * i}", $"{255 - i}", "0"], pixels);
        Assert.Equal($"{i % 10}", label);
    }

    private static (CompetitionSpec Spec, DatasetPackages Packages) WriteCompetition(TempDirectory temp)
    {
        var extracted = temp.Combine("extract") + PackageDirectory;
        var images = Enumerable.Range(0, 40).Select(i => new[] { (byte)i, (byte)(2 * i), (byte)(255 - i), (byte)0 }).ToList();
        IdxFile.WriteImages(Path.Combine(extracted, "images-idx3-ubyte.gz"), 2, 2, images);
        IdxFile.WriteLabels(Path.Combine(extracted, "labels-idx1-ubyte.gz"), [.. Enumerable.Range(0, 40).Select(i => (byte)(i % 10))]);

        var dir = Directory.CreateDirectory(temp.Combine("comps", "tiny-images")).FullName;
        File.WriteAllText(Path.Combine(dir, "description.md"), "# Tiny images\n");
        File.WriteAllText(Path.Combine(dir, "competition.yaml"), $"""
            id: tiny-images
            title: Tiny images
            category: cv
            data:
              source:
                reader: idx_images
                package: {"{"}manager: debian, name: dataset-tiny-images, version: "1.0-1"{"}"}
                files:
                  - {PackageDirectory}/images-idx3-ubyte.gz
                  - {PackageDirectory}/labels-idx1-ubyte.gz
              id_column: id
              target: label
            split:
              seed: 5
              test_fraction: 0.25
            metric:
              name: accuracy
              higher_is_better: true
            submission:
              kind: label
              classes: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
            source:
              name: synthetic
              licence: CC0
            """);
        return (CompetitionSpecLoader.Load(dir), new DatasetPackages(new DataRoot(temp.Combine("home")), [temp.Combine("extract")]));
    }
}
