using System.Diagnostics;

namespace MleDojo.Reports.Tests.Support;

/// <summary>
/// A data root filled by real episodes: samples/SolutionAgent plays the shipped solutions through the real server over
/// MCP (stdio), on the local sandbox, with agent, experiment and seed labels. Shared by a test class, since playing
/// takes a while.
/// </summary>
public sealed class RecordedStore : IAsyncLifetime
{
    public const string Experiment = "report-tests";

    private readonly TempDirectory _home = new("mledojo-report-");

    public string Home => _home.Path;

    public string Database => Path.Combine(Home, "mledojo.db");

    /// <summary>
    /// trivial: titanic, seeds 0 and 1, baseline only. climber: titanic and penguins, seeds 0 and 1, baseline then
    /// reference. quitter: titanic seed 0, no submission (an ungraded episode).
    /// </summary>
    public async ValueTask InitializeAsync()
    {
        await PlayAsync("trivial", "trivial", "titanic", 2);
        await PlayAsync("climber", "climber", "titanic,penguins", 2);
        await PlayAsync("quitter", "quitter", "titanic", 1);
    }

    public async Task PlayAsync(string agent, string policy, string competitions, int seeds, string experiment = Experiment)
    {
        var start = new ProcessStartInfo("dotnet", [Built.SolutionAgent, "--agent", agent, "--policy", policy, "--competitions", competitions, "--seeds", seeds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--experiment", experiment, "--server", Built.Server, "--home", Home, "--sandbox", "local"]);
        var (exit, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken);
        Assert.True(exit == 0, $"SolutionAgent {agent} exited {exit}:\n{stdout}\n{stderr}");
    }

    /// <summary>Runs <c>mledojo report</c> on this data root.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> ReportAsync(params string[] arguments) => ReportAsync(Home, arguments);

    /// <summary>Runs <c>mledojo report</c> on any data root.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> ReportAsync(string home, params string[] arguments)
    {
        var start = new ProcessStartInfo(Built.Server, ["report", "--home", home, .. arguments]);
        return ChildProcess.RunAsync(start, TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _home.Dispose();
        return ValueTask.CompletedTask;
    }
}
