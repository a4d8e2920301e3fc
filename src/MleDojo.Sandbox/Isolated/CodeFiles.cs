namespace MleDojo.Sandbox.Isolated;

/// <summary>Copies a competition folder's Python files (and only those) into a job's <c>comp/</c>, keeping subfolders.</summary>
internal static class CodeFiles
{
    public static void Copy(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in new DirectoryInfo(source).EnumerateFiles("*.py", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            if (file.LinkTarget is not null || file.FullName.Contains("/__pycache__/", StringComparison.Ordinal))
            {
                continue;
            }

            var destination = Path.Combine(target, Path.GetRelativePath(source, file.FullName));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            file.CopyTo(destination, overwrite: true);
        }
    }
}
