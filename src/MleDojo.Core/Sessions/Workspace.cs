namespace MleDojo.Core.Sessions;

/// <summary>
/// A session's workspace on the host. Every path the agent names is resolved here and must stay inside,
/// with no symbolic link on the way: agent code can create links, and the server (which can read the
/// answers) must never follow one out.
/// </summary>
internal sealed class Workspace(string root)
{
    public const string InputDirectory = "input";
    public const string OutputDirectory = "output";
    public const string RunsDirectory = "runs";
    public const string SubmissionFile = "output/submission.csv";

    public string Root { get; } = Path.GetFullPath(root);

    public static Workspace Create(string root, string publicDirectory)
    {
        var workspace = new Workspace(root);
        Directory.CreateDirectory(workspace.Root);
        var input = Directory.CreateDirectory(Path.Combine(workspace.Root, InputDirectory));
        foreach (var file in Directory.EnumerateFiles(publicDirectory))
        {
            File.Copy(file, Path.Combine(input.FullName, Path.GetFileName(file)), overwrite: true);
        }

        Directory.CreateDirectory(Path.Combine(workspace.Root, OutputDirectory));
        Directory.CreateDirectory(Path.Combine(workspace.Root, RunsDirectory));
        return workspace;
    }

    public IReadOnlyList<string> InputFiles =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, InputDirectory)).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    /// <summary>Resolves a workspace-relative path, refusing escapes and symbolic links.</summary>
    /// <exception cref="SessionException">The path leaves the workspace or crosses a link.</exception>
    public string Resolve(string relative)
    {
        var cleaned = (relative ?? "").Trim();
        if (cleaned.StartsWith("/workspace/", StringComparison.Ordinal) || cleaned == "/workspace")
        {
            cleaned = cleaned["/workspace".Length..].TrimStart('/');
        }

        if (Path.IsPathRooted(cleaned))
        {
            throw Refuse(relative, "absolute paths are not allowed; use a path relative to the workspace");
        }

        var full = Path.GetFullPath(Path.Combine(Root, cleaned.Length == 0 ? "." : cleaned));
        if (full != Root && !full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw Refuse(relative, "it points outside the workspace");
        }

        var current = Root;
        foreach (var part in Path.GetRelativePath(Root, full).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            current = Path.Combine(current, part);
            if (new FileInfo(current).LinkTarget is not null)
            {
                throw Refuse(relative, "it goes through a symbolic link");
            }
        }

        return full;
    }

    /// <summary>True when the path is in the read-only input directory.</summary>
    public bool IsReadOnly(string fullPath) =>
        fullPath == Path.Combine(Root, InputDirectory) || fullPath.StartsWith(Path.Combine(Root, InputDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    public string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');

    private static SessionException Refuse(string? path, string why) =>
        new(SessionErrorCode.InvalidPath, $"Path '{path}' refused: {why}.");
}
