namespace MleDojo.Server.Tests.Support;

/// <summary>Where the repository's sample scripts are (the repository itself and the built server: <see cref="RepositoryPaths"/>).</summary>
internal static class Repo
{
    /// <summary>A Titanic sample script from samples/titanic.</summary>
    public static string TitanicSample(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "titanic", name));
}
