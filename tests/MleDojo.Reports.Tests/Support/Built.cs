using System.Reflection;

namespace MleDojo.Reports.Tests.Support;

/// <summary>The executables these tests run, from the same build configuration as the tests.</summary>
internal static class Built
{
    private static string Configuration => typeof(Built).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>The <c>mledojo</c> executable: $MLEDOJO_SERVER, else the server project's build output.</summary>
    public static string Server =>
        Environment.GetEnvironmentVariable("MLEDOJO_SERVER") is { Length: > 0 } path
            ? path
            : Path.Combine(RepositoryPaths.Root, "src", "MleDojo.Server", "bin", Configuration, "net10.0", "mledojo");

    /// <summary>samples/SolutionAgent's assembly, run with <c>dotnet</c>.</summary>
    public static string SolutionAgent => Path.Combine(RepositoryPaths.Root, "samples", "SolutionAgent", "bin", Configuration, "net10.0", "SolutionAgent.dll");
}
