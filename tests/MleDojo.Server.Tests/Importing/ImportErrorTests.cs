using MleDojo.Server.Tests.Support;

namespace MleDojo.Server.Tests.Importing;

/// <summary>What `mledojo import` refuses, and that each refusal says what is wrong and what to do.</summary>
public sealed class ImportErrorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mledojo-import-errors-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Home => Path.Combine(_root, "home");

    [Fact]
    public async Task Import_EmptyPreparePy_IsRefusedWithoutInventingASplit()
    {
        var folder = CopyFixture("mle-dojo", "custom-dojo-metric");
        await File.WriteAllTextAsync(Path.Combine(folder, "utils", "prepare.py"), "# This file was automatically generated\n# Add your data preparation code here\n", Ct);

        var result = await ImportAsync("mle-dojo", folder, MledojoCli.ImportFixture("mle-dojo", "custom-dojo-metric.zip"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("empty utils/prepare.py", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("public/", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("No split is invented", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "into", "custom-dojo-metric")));
    }

    [Fact]
    public async Task Import_EmptyPreparePyWithAPreSplitDownload_ImportsThatSplit()
    {
        var folder = CopyFixture("mle-dojo", "custom-dojo-metric");
        await File.WriteAllTextAsync(Path.Combine(folder, "utils", "prepare.py"), "# placeholder\n", Ct);
        var data = Directory.CreateDirectory(Path.Combine(_root, "presplit")).FullName;
        Directory.CreateDirectory(Path.Combine(data, "public"));
        Directory.CreateDirectory(Path.Combine(data, "private"));
        var ids = Enumerable.Range(1, 20).ToList();
        await File.WriteAllLinesAsync(Path.Combine(data, "public", "train.csv"), ["id,a,b,colour", .. ids.Select(i => $"{i + 100},0.5,0.1,red")], Ct);
        await File.WriteAllLinesAsync(Path.Combine(data, "public", "test.csv"), ["id,a,b", .. ids.Select(i => $"{i},0.5,0.1")], Ct);
        await File.WriteAllLinesAsync(Path.Combine(data, "public", "sample_submission.csv"), ["id,colour", .. ids.Select(i => $"{i},red")], Ct);
        await File.WriteAllLinesAsync(Path.Combine(data, "private", "test_answer.csv"), ["id,colour", .. ids.Select(i => $"{i},{(i % 2 == 0 ? "red" : "blue")}")], Ct);

        var result = await ImportAsync("mle-dojo", folder, data);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("pre-split", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("test 20", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NoGradePyAndNotInTheTable_NamesWhatIsMissing()
    {
        var folder = CopyFixture("mle-bench", "custom-weighted-error");
        File.Delete(Path.Combine(folder, "grade.py"));

        var result = await ImportAsync("mle-bench", folder, MledojoCli.ImportFixture("mle-bench", "custom-weighted-error.zip"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no metric", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("not in the known-metrics table", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("grade.py", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("InvalidSubmissionError", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_PreparePyReachingForTheNetwork_FailsWithoutIt()
    {
        var folder = CopyFixture("mle-dojo", "custom-dojo-metric");

        // Name resolution fails inside the sandbox's empty network namespace: nothing leaves the machine.
        await File.WriteAllTextAsync(Path.Combine(folder, "utils", "prepare.py"), """
            import urllib.request


            def prepare(raw, public, private):
                urllib.request.urlopen("https://www.kaggle.com/competitions", timeout=10)
            """, Ct);

        var result = await ImportAsync("mle-dojo", folder, MledojoCli.ImportFixture("mle-dojo", "custom-dojo-metric.zip"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("tried to use the network", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("URLError", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_PreparePyPlantingALinkToAHostFile_IsRefused()
    {
        // The prepared files are hashed and copied on the host: a link would bring a host file into agent workspaces.
        var folder = CopyFixture("mle-dojo", "custom-dojo-metric");
        var prepare = Path.Combine(folder, "utils", "prepare.py");
        await File.AppendAllTextAsync(prepare, "    import os\n    os.symlink('/etc/hostname', public / 'notes.txt')\n", Ct);

        var result = await ImportAsync("mle-dojo", folder, MledojoCli.ImportFixture("mle-dojo", "custom-dojo-metric.zip"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("public/notes.txt, which is a link or special file", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "into", "custom-dojo-metric")), "a refused import must leave nothing behind");
    }

    [Fact]
    public async Task Import_FailingPreparePy_ShowsItsTraceback()
    {
        var folder = CopyFixture("mle-bench", "spaceship-titanic");
        await File.WriteAllTextAsync(Path.Combine(folder, "prepare.py"), "def prepare(raw, public, private):\n    open(raw / 'no-such-file.csv')\n", Ct);

        var result = await ImportAsync("mle-bench", folder, MledojoCli.ImportFixture("mle-bench", "spaceship-titanic.zip"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("prepare.py failed", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("no-such-file.csv", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingDataPath_NamesIt()
    {
        var missing = Path.Combine(_root, "spaceship-titanic.zip");

        var result = await ImportAsync("mle-bench", MledojoCli.ImportFixture("mle-bench", "spaceship-titanic"), missing);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"--data: {missing} does not exist", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("kaggle competitions download -c spaceship-titanic", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_FolderInTheWrongFormat_NamesIt()
    {
        var result = await ImportAsync("mle-bench", MledojoCli.ImportFixture("mle-dojo", "GiveMeSomeCredit"), MledojoCli.ImportFixture("mle-dojo", "GiveMeSomeCredit.zip"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is not an MLE-bench competition folder: config.yaml not found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_SameIdTwice_NeedsForce()
    {
        var fixture = MledojoCli.ImportFixture("mle-bench", "spaceship-titanic");
        var data = MledojoCli.ImportFixture("mle-bench", "spaceship-titanic.zip");
        Assert.Equal(0, (await ImportAsync("mle-bench", fixture, data)).ExitCode);

        var again = await ImportAsync("mle-bench", fixture, data);
        var forced = await ImportAsync("mle-bench", fixture, data, "--force");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("hint: pass --force to replace it, or --id to import under another id", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
    }

    [Fact]
    public async Task Import_IntoAnotherFileSystemThanTheDataRoot_Works()
    {
        // /dev/shm is a tmpfs on Linux, while the data root is under the temp directory: the prepared data cannot be moved there.
        Assert.SkipUnless(Directory.Exists("/dev/shm"), "needs /dev/shm");
        var into = Path.Combine("/dev/shm", "mledojo-into-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = await MledojoCli.RunAsync(Home, Ct, "import", "mle-bench", MledojoCli.ImportFixture("mle-bench", "spaceship-titanic"),
                "--data", MledojoCli.ImportFixture("mle-bench", "spaceship-titanic.zip"), "--into", into);

            Assert.True(result.ExitCode == 0, result.Stderr);
            Assert.True(File.Exists(Path.Combine(into, "spaceship-titanic", "data", "public", "sample_submission.csv")));
        }
        finally
        {
            if (Directory.Exists(into))
            {
                Directory.Delete(into, recursive: true);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> ImportAsync(string format, string folder, string data, params string[] extra) =>
        MledojoCli.RunAsync(Home, Ct, ["import", format, folder, "--data", data, "--into", Path.Combine(_root, "into"), .. extra]);

    private string CopyFixture(string format, string name) => DirectoryTree.Copy(MledojoCli.ImportFixture(format, name), Path.Combine(_root, "folders", name));
}
