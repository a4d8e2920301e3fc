using System.Diagnostics;

namespace MleDojo.Server.Tests.Cli;

/// <summary>
/// mledojo as a .NET tool: packed from the server's build, installed from a local folder into a tool path of its own
/// (offline: a NuGet config that knows only that folder), then run as a user would.
/// </summary>
public sealed class DotnetToolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ToolPackage_InstalledFromLocalFolder_PrintsItsVersionAndGrades()
    {
        using var temp = new TempDirectory("mledojo-tool-");
        var packages = Directory.CreateDirectory(temp.Combine("packages")).FullName;

        // --no-build: pack what the test run already built, never rebuild binaries other tests are running.
        await DotnetAsync("pack", Path.Combine(RepositoryPaths.Root, "src", "MleDojo.Server", "MleDojo.Server.csproj"), "-c", RepositoryPaths.BuildConfiguration, "--no-build", "-o", packages, "-nologo");
        var package = Assert.Single(Directory.GetFiles(packages, "mledojo.*.nupkg"));
        var version = Path.GetFileNameWithoutExtension(package)["mledojo.".Length..];

        var config = temp.Combine("nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """, Ct);
        var tools = temp.Combine("tools");
        await DotnetAsync("tool", "install", "mledojo", "--tool-path", tools, "--configfile", config, "--version", version);
        var mledojo = Path.Combine(tools, "mledojo");

        var (_, printed, _) = await RunAsync(mledojo, temp.Combine("home"), "--version");
        Assert.StartsWith(version, printed.Trim(), StringComparison.Ordinal);

        await RunAsync(mledojo, temp.Combine("home"), "prepare", "titanic");
        var sample = temp.Combine("home", "prepared", "titanic", "public", "sample_submission.csv");
        var (_, graded, _) = await RunAsync(mledojo, temp.Combine("home"), "grade", "--competition", "titanic", "--submission", sample);
        Assert.Contains("private score", graded, StringComparison.Ordinal);
        Assert.Contains("titanic (accuracy, higher is better)", graded, StringComparison.Ordinal);
    }

    private static async Task DotnetAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var (exit, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(10), Ct);
        Assert.True(exit == 0, $"dotnet {string.Join(' ', arguments)} exited {exit}:\n{stdout}\n{stderr}");
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string mledojo, string home, params string[] arguments)
    {
        var start = new ProcessStartInfo(mledojo, arguments);
        start.Environment["MLEDOJO_HOME"] = home;
        var result = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(5), Ct);
        Assert.True(result.ExitCode == 0, $"mledojo {string.Join(' ', arguments)} exited {result.ExitCode}:\n{result.Stdout}\n{result.Stderr}");
        return result;
    }
}
