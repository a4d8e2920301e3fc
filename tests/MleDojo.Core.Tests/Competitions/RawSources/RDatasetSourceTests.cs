using System.Diagnostics;
using MleDojo.Core.Competitions;
using MleDojo.Core.Competitions.RawSources;

namespace MleDojo.Core.Tests.Competitions.RawSources;

/// <summary>The r_dataset reader against small R files written by R itself; skipped where Rscript is not installed.</summary>
public sealed class RDatasetSourceTests
{
    private static readonly PackageReference Package = new(PackageManager.Debian, "r-cran-fixture", "1.0-1");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_RdaFile_WritesFactorsAsLabelsAndMissingValuesEmpty()
    {
        using var temp = new TempDirectory();
        var rda = temp.Combine("fixture.rda");
        await RunRAsync($"scores <- data.frame(name = c('a', 'b', NA), kind = factor(c('x', 'y', 'x')), value = c(1.5, NA, 3)); save(scores, file = '{rda}')");

        var (header, rows) = await Source([rda], "scores").ReadAsync(Ct);

        Assert.Equal(["name", "kind", "value"], header);
        Assert.Equal([["a", "x", "1.5"], ["b", "y", ""], ["", "x", "3"]], rows);
    }

    [Fact]
    public async Task Read_LazyLoadDatabaseWithHoldout_GivesOneRowPerUser()
    {
        using var temp = new TempDirectory();
        var stem = temp.Combine("Rdata");
        await RunRAsync("e <- new.env(); e$ratings <- data.frame(userId = c(1L, 1L, 1L, 2L, 2L), movieId = c(10L, 20L, 30L, 10L, 40L), " +
            $"rating = c(4, 3.5, 5, 2, 1), timestamp = c(100L, 300L, 200L, 50L, 60L)); tools:::makeLazyLoadDB(e, '{stem}')");
        var options = new Dictionary<string, string>
        {
            ["object"] = "ratings",
            ["user_column"] = "userId",
            ["item_column"] = "movieId",
            ["time_column"] = "timestamp",
            ["rating_column"] = "rating",
        };

        var source = new RDatasetSource("spec.yaml", "fixture", Package, [stem + ".rdb", stem + ".rdx"], options);
        var (header, rows) = await source.ReadAsync(Ct);

        Assert.Equal(UserHoldout.Header, header);
        // round(3 x 0.2) = 1 and round(2 x 0.2) = 0, raised to 1: each user's latest rating is held out.
        Assert.Equal([["10:4 30:5", "100", "200", "20"], ["10:2", "50", "50", "40"]], rows);
        Assert.Equal(2, await source.CountRowsAsync(Ct));
    }

    [Fact]
    public async Task Read_UnknownObject_NamesObjectAndFile()
    {
        using var temp = new TempDirectory();
        var rda = temp.Combine("fixture.rda");
        await RunRAsync($"x <- data.frame(a = 1); save(x, file = '{rda}')");

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => Source([rda], "movielens").ReadAsync(Ct));

        Assert.Contains("'movielens'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(rda, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_WithoutRscript_NamesThePackagesAndTheAptCommand()
    {
        using var temp = new TempDirectory();
        var rda = temp.Combine("fixture.rda");
        File.WriteAllText(rda, "never read");
        var source = new RDatasetSource("spec.yaml", "fixture-competition", Package, [rda], new Dictionary<string, string> { ["object"] = "x" }, searchPath: temp.Path);

        var ex = await Assert.ThrowsAsync<MissingPackageException>(() => source.ReadAsync(Ct));

        Assert.Contains("competition 'fixture-competition'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Rscript", ex.Message, StringComparison.Ordinal);
        Assert.Equal("apt-get install -y r-base-core r-cran-fixture", ex.InstallCommand);
    }

    [Fact]
    public async Task Fingerprint_HashesTheFilesWithoutRunningR()
    {
        using var temp = new TempDirectory();
        var rda = temp.Combine("fixture.rda");
        File.WriteAllText(rda, "version 1");
        var source = new RDatasetSource("spec.yaml", "fixture", Package, [rda], new Dictionary<string, string> { ["object"] = "x" }, searchPath: temp.Path);

        var before = await source.FingerprintAsync(Ct);
        File.WriteAllText(rda, "version 2");

        Assert.NotEqual(before, await source.FingerprintAsync(Ct));
    }

    [Theory]
    [InlineData("data.rds")]
    [InlineData("Rdata.rdb")]
    public void Constructor_FilesNotAnRdaOrAnRdbRdxPair_IsASpecError(string file)
    {
        var ex = Assert.Throws<CompetitionSpecException>(() => Source(["/x/" + file], "x"));

        Assert.Contains("data.source.files", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnknownOption_IsASpecErrorListingTheKnownOnes()
    {
        var options = new Dictionary<string, string> { ["object"] = "x", ["usr_column"] = "u" };

        var ex = Assert.Throws<CompetitionSpecException>(() => new RDatasetSource("spec.yaml", "fixture", Package, ["/x/a.rda"], options));

        Assert.Contains("usr_column", ex.Message, StringComparison.Ordinal);
        Assert.Contains("user_column", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoObject_IsASpecError()
    {
        var ex = Assert.Throws<CompetitionSpecException>(() => new RDatasetSource("spec.yaml", "fixture", Package, ["/x/a.rda"], new Dictionary<string, string>()));

        Assert.Contains("options.object", ex.Message, StringComparison.Ordinal);
    }

    private static RDatasetSource Source(string[] files, string name) =>
        new("spec.yaml", "fixture", Package, files, new Dictionary<string, string> { ["object"] = name });

    // Writes the fixture with R itself, so the test reads exactly what an R package would ship.
    private static async Task RunRAsync(string program)
    {
        var rscript = RDatasetSource.FindRscript(null);
        Assert.SkipWhen(rscript is null, "Rscript is not installed (apt-get install r-base-core); the r_dataset reader needs it.");
        var start = new ProcessStartInfo(rscript!) { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--vanilla");
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(program);
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, error);
    }
}
