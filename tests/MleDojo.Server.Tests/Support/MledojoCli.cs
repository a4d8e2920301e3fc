using System.Diagnostics;

namespace MleDojo.Server.Tests.Support;

/// <summary>Runs the built <c>mledojo</c> executable as a user would, with its own data root.</summary>
internal static class MledojoCli
{
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string home, CancellationToken cancellationToken, params string[] args) =>
        RunAsync(home, new Dictionary<string, string>(), cancellationToken, args);

    /// <summary>Runs with extra environment variables.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string home, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo(RepositoryPaths.ServerExecutable);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["MLEDOJO_HOME"] = home;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return await ChildProcess.RunAsync(start, Timeout.InfiniteTimeSpan, cancellationToken);
    }

    /// <summary>A fixture under tests/fixtures/import.</summary>
    public static string ImportFixture(params string[] parts) => Path.Combine([RepositoryPaths.Root, "tests", "fixtures", "import", .. parts]);
}
