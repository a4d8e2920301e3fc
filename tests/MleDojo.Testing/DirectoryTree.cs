namespace MleDojo.Testing;

/// <summary>Copies of directory trees: shipped competitions and import fixtures that a test changes.</summary>
public static class DirectoryTree
{
    /// <summary>Copies every file below <paramref name="source"/> to the same relative path below <paramref name="target"/>.</summary>
    /// <returns><paramref name="target"/>.</returns>
    public static string Copy(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
