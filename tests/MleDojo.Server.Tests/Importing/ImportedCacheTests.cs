using MleDojo.Server.Tests.Support;

namespace MleDojo.Server.Tests.Importing;

/// <summary>An imported competition is prepared once and then served from the cache, like a shipped one.</summary>
public sealed class ImportedCacheTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("mledojo-import-cache-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Prepare_ImportedCompetitionUnchanged_IsNotPreparedAgain()
    {
        var imported = await MledojoCli.RunAsync(_home, Ct, "import", "mle-bench", MledojoCli.ImportFixture("mle-bench", "spaceship-titanic"),
            "--data", MledojoCli.ImportFixture("mle-bench", "spaceship-titanic.zip"));
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        var root = Path.Combine(_home, "prepared", "spaceship-titanic");
        var answers = Directory.GetFiles(Path.Combine(root, "private"), "answers.csv").Single();
        var written = File.GetLastWriteTimeUtc(answers);

        var first = await MledojoCli.RunAsync(_home, Ct, "prepare", "spaceship-titanic");
        var second = await MledojoCli.RunAsync(_home, Ct, "prepare", "spaceship-titanic");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.True(File.Exists(Path.Combine(root, "manifest.json")), "the cache key was not written");
        Assert.Equal(written, File.GetLastWriteTimeUtc(answers));
        Assert.Equal(first.Stdout.Split('\n').Where(l => l.Contains("answers", StringComparison.Ordinal)), second.Stdout.Split('\n').Where(l => l.Contains("answers", StringComparison.Ordinal)));
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
