

namespace MleDojo.Core.Platform;

/// <summary>
/// Reading files agent code wrote (the submission, results) without trusting them. Agent code controls the workspace,
/// so <c>output/submission.csv</c> may be a symlink to the private answers, which a server opening it by path would
/// read and score as a perfect submission, or a FIFO that blocks the server forever.
/// </summary>
public static class SafeWorkspaceFile
{
    /// <summary>
    /// Opens a workspace file for reading, following no symlink in any component of <paramref name="relativePath"/>,
    /// and only when it is a regular file.
    /// </summary>
    /// <param name="workspacePath">Host path of the session workspace.</param>
    /// <param name="relativePath">Workspace-relative path, for example <c>output/submission.csv</c>.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">A directory on the path does not exist.</exception>
    /// <exception cref="WorkspacePathException">The path leaves the workspace, goes through a symlink, or is not a regular file.</exception>
    public static FileStream OpenRead(string workspacePath, string relativePath)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Workspace files are read with Linux system calls.");
        }

        return WorkspaceFiles.OpenRead(workspacePath, relativePath);
    }
}
