using System.Diagnostics;
using System.Globalization;

namespace MleDojo.Reports.Tests.Support;

/// <summary>
/// A data root filled by real episodes: samples/SolutionAgent plays the shipped solutions through the real server over
/// MCP (stdio), on the local sandbox, with agent, experiment and seed labels. Shared by the test classes, since playing
/// takes a while (see <see cref="RecordedStoreCollection"/>).
/// </summary>
public sealed class RecordedStore : IAsyncLifetime
{
    public const string Experiment = "report-tests";

    /// <summary>A copy of titanic with a leaderboard of human teams, served from an extra competitions directory.</summary>
    public const string BoardCompetition = "titanic-board";

    private readonly TempDirectory _home = new("mledojo-report-");
    private readonly TempDirectory _extra = new("mledojo-report-competitions-");

    public string Home => _home.Path;

    public string Database => Path.Combine(Home, "mledojo.db");

    /// <summary>The extra competitions directory that holds titanic-board.</summary>
    public string ExtraCompetitions => _extra.Path;

    /// <summary>
    /// trivial: titanic, seeds 0 and 1, baseline only. climber: titanic and penguins, seeds 0 and 1, baseline then
    /// reference. quitter: titanic seed 0, no submission (an ungraded episode). On titanic-board, trivial and
    /// climber play seed 0 in another experiment.
    /// </summary>
    public async ValueTask InitializeAsync()
    {
        WriteBoardCompetition();
        await PlayAsync("trivial", "trivial", "titanic", 2);
        await PlayAsync("climber", "climber", "titanic,penguins", 2);
        await PlayAsync("quitter", "quitter", "titanic", 1);
        await PlayAsync("trivial", "trivial", BoardCompetition, 1, "board");
        await PlayAsync("climber", "climber", BoardCompetition, 1, "board");
    }

    public async Task PlayAsync(string agent, string policy, string competitions, int seeds, string experiment = Experiment)
    {
        var start = new ProcessStartInfo("dotnet",
        [
            Built.SolutionAgent, "--agent", agent, "--policy", policy, "--competitions", competitions, "--seeds", seeds.ToString(CultureInfo.InvariantCulture),
            "--experiment", experiment, "--server", RepositoryPaths.ServerExecutable, "--home", Home, "--solutions-root", _extra.Path, "--sandbox", "local",
        ]);
        WithExtraCompetitions(start);
        var (exit, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken);
        Assert.True(exit == 0, $"SolutionAgent {agent} exited {exit}:\n{stdout}\n{stderr}");
    }

    /// <summary>Runs <c>mledojo report</c> on this data root.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> ReportAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(RepositoryPaths.ServerExecutable, ["report", "--home", Home, .. arguments]);
        WithExtraCompetitions(start);
        return ChildProcess.RunAsync(start, TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
    }

    /// <summary>Runs <c>mledojo report</c> on any data root.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> ReportAsync(string home, params string[] arguments) =>
        ChildProcess.RunAsync(new ProcessStartInfo(RepositoryPaths.ServerExecutable, ["report", "--home", home, .. arguments]), TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        _home.Dispose();
        _extra.Dispose();
        return ValueTask.CompletedTask;
    }

    // Both the server SolutionAgent starts (it inherits the environment) and the report read the extra directory.
    private void WithExtraCompetitions(ProcessStartInfo start) => start.Environment["MleDojo__Competitions__0"] = _extra.Path;

    /// <summary>titanic under another id, its solutions alongside (SolutionAgent's --solutions-root), and 50 human teams from 0.70 to 0.847.</summary>
    private void WriteBoardCompetition()
    {
        var source = Path.Combine(RepositoryPaths.Competitions, "titanic");
        var target = Path.Combine(_extra.Path, BoardCompetition);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var spec = Path.Combine(target, "competition.yaml");
        File.WriteAllText(spec, File.ReadAllText(spec).Replace("id: titanic", $"id: {BoardCompetition}", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(target, "leaderboard.csv"), "rank,score\n" + string.Concat(Enumerable.Range(1, 50).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i},{0.85 - (i * 0.003):F3}\n"))));
        foreach (var shipped in new[] { "titanic", "penguins" })
        {
            var solutions = Path.Combine(_extra.Path, shipped, "solutions");
            Directory.CreateDirectory(solutions);
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Competitions, shipped, "solutions")))
            {
                File.Copy(file, Path.Combine(solutions, Path.GetFileName(file)));
            }
        }
    }
}
