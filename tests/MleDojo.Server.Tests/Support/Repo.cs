using System.Reflection;

namespace MleDojo.Server.Tests.Support;

/// <summary>Where the built server and the repository's sample scripts are (the repository itself: <see cref="RepositoryPaths"/>).</summary>
internal static class Repo
{
    /// <summary>
    /// The built <c>mledojo</c> executable: $MLEDOJO_SERVER if set; else the copy the project reference puts
    /// next to the tests (built with them, so never stale); else the server project's own output.
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
            if (File.Exists(besideTests) && Directory.Exists(Path.Combine(AppContext.BaseDirectory, "competitions")))
            {
                return besideTests;
            }

            var configuration = typeof(Repo).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            var serverOutput = Path.Combine(RepositoryPaths.Root, "src", "MleDojo.Server", "bin", configuration, "net10.0", "mledojo");
            return File.Exists(serverOutput) ? serverOutput : throw new FileNotFoundException($"Build the server first: neither {besideTests} nor {serverOutput} exists.");
        }
    }

    /// <summary>A Titanic sample script from samples/titanic.</summary>
    public static string TitanicSample(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "titanic", name));
}
