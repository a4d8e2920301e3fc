namespace MleDojo.Reports.Tests.Support;

/// <summary>The sample these tests run, from the same build configuration as the tests (the server: <see cref="RepositoryPaths.ServerExecutable"/>).</summary>
internal static class Built
{
    /// <summary>samples/SolutionAgent's assembly, run with <c>dotnet</c>.</summary>
    public static string SolutionAgent => Path.Combine(RepositoryPaths.Root, "samples", "SolutionAgent", "bin", RepositoryPaths.BuildConfiguration, "net10.0", "SolutionAgent.dll");
}
