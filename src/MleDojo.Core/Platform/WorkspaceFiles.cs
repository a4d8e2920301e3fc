using Microsoft.Win32.SafeHandles;


namespace MleDojo.Core.Platform;

/// <summary>
/// Server-side file creation inside a workspace that agent code can write to. Agent code may plant a symlink where
/// the server is about to write (<c>logs -> /etc</c>); a root server following it would write agent-chosen bytes
/// anywhere on the host. Every path component is therefore opened with O_NOFOLLOW relative to its parent's file
/// descriptor, so no symlink is followed and no check-then-use race exists.
/// </summary>
public static class WorkspaceFiles
{
    /// <summary>Validates a workspace-relative path and returns its normalised components.</summary>
    /// <exception cref="WorkspacePathException">The path is absolute, empty, or leaves the workspace.</exception>
    public static string[] SplitRelative(string relativePath, string what)
    {
        if (string.IsNullOrWhiteSpace(relativePath) || relativePath.StartsWith('/') || relativePath.Contains('\0'))
        {
            throw new WorkspacePathException($"{what} '{relativePath}' must be a relative path inside the workspace.");
        }

        var parts = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        if (parts.Length == 0 || parts.Any(p => p == ".."))
        {
            throw new WorkspacePathException($"{what} '{relativePath}' must be a relative path inside the workspace, without '..'.");
        }

        return parts;
    }

    /// <summary>
    /// Creates <paramref name="fileName"/> in the workspace-relative directory (created as needed), replacing any
    /// existing entry of that name, and returns a handle open for writing.
    /// </summary>
    /// <remarks>
    /// With <paramref name="shareGroup"/> (a gid, or -1 for none), the file and every directory created on the way
    /// are given to that group and made group-writable (directories setgid), so agent code running under its own
    /// uid in that group can change them. Server-owned files (scripts, logs) are created without it.
    /// </remarks>
    public static SafeFileHandle CreateFile(string workspace, string relativeDirectory, string fileName, int shareGroup = -1) =>
        CreateIn(OpenDirectory(workspace, relativeDirectory, shareGroup: shareGroup), relativeDirectory, fileName, shareGroup);

    /// <summary>Creates <paramref name="fileName"/> at the workspace root, replacing any existing entry of that name.</summary>
    public static SafeFileHandle CreateFile(string workspace, string fileName, int shareGroup = -1) =>
        CreateIn(OpenWorkspace(workspace), ".", fileName, shareGroup);

    private static SafeFileHandle CreateIn(int directoryFd, string relativeDirectory, string fileName, int shareGroup)
    {
        if (fileName.Length == 0 || fileName.Contains('/') || fileName is "." or "..")
        {
            LibC.Close(directoryFd);
            throw new WorkspacePathException($"File name '{fileName}' is not a plain file name.");
        }

        try
        {
            for (var attempt = 0; ; attempt++)
            {
                // Whatever is there (an old log, a planted symlink) is removed, and O_EXCL refuses anything that
                // reappears in between: the file we write is always one we just created.
                if (LibC.UnlinkAt(directoryFd, fileName, 0) != 0 && LibC.LastError is var unlinkError && unlinkError != LibC.ENOENT)
                {
                    throw new WorkspacePathException($"Cannot replace {relativeDirectory}/{fileName}: {LibC.Describe(unlinkError)}.");
                }

                var fd = LibC.OpenAt(
                    directoryFd,
                    fileName,
                    LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW | LibC.O_CLOEXEC,
                    Convert.ToUInt32("644", 8));
                if (fd >= 0)
                {
                    var handle = new SafeFileHandle(fd, ownsHandle: true);
                    if (shareGroup >= 0)
                    {
                        Share(fd, shareGroup, "664", $"{relativeDirectory}/{fileName}", handle);
                    }

                    return handle;
                }

                var error = LibC.LastError;
                if (error != LibC.EEXIST || attempt >= 5)
                {
                    throw new WorkspacePathException($"Cannot create {relativeDirectory}/{fileName}: {LibC.Describe(error)}.");
                }
            }
        }
        finally
        {
            LibC.Close(directoryFd);
        }
    }

    /// <summary>
    /// Makes <paramref name="name"/>, at the workspace root, a plain directory again when agent code replaced it (a
    /// symlink out of the workspace, a file): the entry itself is removed, never what a link points to, and the
    /// directory is created anew. Returns true when something was replaced.
    /// </summary>
    /// <exception cref="WorkspacePathException">The entry cannot be replaced.</exception>
    public static bool EnsureDirectory(string workspace, string name)
    {
        var parts = SplitRelative(name, "Directory");
        if (parts.Length != 1)
        {
            throw new WorkspacePathException($"Directory '{name}' must be a single name at the workspace root.");
        }

        var root = OpenWorkspace(workspace);
        try
        {
            var fd = LibC.OpenAt(root, name, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
            if (fd >= 0)
            {
                LibC.Close(fd);
                return false;
            }

            var openError = LibC.LastError;
            if (openError != LibC.ENOENT && LibC.UnlinkAt(root, name, 0) != 0)
            {
                throw new WorkspacePathException($"Cannot replace {name} in the workspace (it is not a plain directory): {LibC.Describe(LibC.LastError)}.");
            }

            if (LibC.MkdirAt(root, name, Convert.ToUInt32("755", 8)) != 0)
            {
                throw new WorkspacePathException($"Cannot create directory {name} in the workspace: {LibC.Describe(LibC.LastError)}.");
            }

            return openError != LibC.ENOENT;
        }
        finally
        {
            LibC.Close(root);
        }
    }

    /// <summary>
    /// Opens a workspace file the agent may have planted for reading, refusing symlinks in any component (a
    /// <c>submission.csv -> /srv/mledojo/prepared/x/private/answers.csv</c> would otherwise be read as the submission)
    /// and anything but a regular file (a FIFO would block the reader forever).
    /// </summary>
    public static FileStream OpenRead(string workspace, string relativePath)
    {
        var parts = SplitRelative(relativePath, "File path");
        var directoryFd = parts.Length == 1
            ? OpenWorkspace(workspace)
            : OpenDirectory(workspace, string.Join('/', parts[..^1]), create: false);
        int fd;
        try
        {
            fd = LibC.OpenAt(directoryFd, parts[^1], LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
            if (fd < 0)
            {
                var error = LibC.LastError;
                throw error == LibC.ENOENT
                    ? new FileNotFoundException($"{relativePath} does not exist in the workspace.", relativePath)
                    : new WorkspacePathException($"Cannot open {relativePath} in the workspace (a symlink?): {LibC.Describe(error)}.");
            }
        }
        finally
        {
            LibC.Close(directoryFd);
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var type = LibC.FileType(fd);
        if (type != LibC.S_IFREG)
        {
            handle.Dispose();
            throw new WorkspacePathException($"{relativePath} in the workspace is not a regular file.");
        }

        return new FileStream(handle, FileAccess.Read, bufferSize: 0);
    }

    private static int OpenWorkspace(string workspace)
    {
        var fd = LibC.Open(workspace, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        return fd >= 0 ? fd : throw new WorkspacePathException($"Cannot open workspace {workspace}: {LibC.Describe(LibC.LastError)}.");
    }

    private static int OpenDirectory(string workspace, string relativeDirectory, bool create = true, int shareGroup = -1)
    {
        var parts = SplitRelative(relativeDirectory, "Directory");
        var fd = OpenWorkspace(workspace);
        foreach (var part in parts)
        {
            var created = create && LibC.MkdirAt(fd, part, Convert.ToUInt32("755", 8)) == 0;
            if (create && !created && LibC.LastError is var mkdirError && mkdirError != LibC.EEXIST)
            {
                LibC.Close(fd);
                throw new WorkspacePathException($"Cannot create directory {relativeDirectory}: {LibC.Describe(mkdirError)}.");
            }

            var next = LibC.OpenAt(fd, part, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
            var error = LibC.LastError;
            LibC.Close(fd);
            if (next < 0)
            {
                throw error == LibC.ENOENT
                    ? new DirectoryNotFoundException($"Directory {relativeDirectory} does not exist in the workspace.")
                    : new WorkspacePathException(
                        $"Cannot open directory {relativeDirectory} in the workspace (component '{part}' is not a plain directory): {LibC.Describe(error)}.");
            }

            if (created && shareGroup >= 0)
            {
                Share(next, shareGroup, "2775", relativeDirectory, null);
            }

            fd = next;
        }

        return fd;
    }

    /// <summary>Gives an open file or directory to a group, group-writable.</summary>
    private static void Share(int fd, int group, string octalMode, string what, SafeFileHandle? owner)
    {
        if (LibC.FChown(fd, -1, group) != 0 || LibC.FChmod(fd, Convert.ToUInt32(octalMode, 8)) != 0)
        {
            var error = LibC.LastError;
            if (owner is not null)
            {
                owner.Dispose();
            }
            else
            {
                LibC.Close(fd);
            }

            throw new WorkspacePathException($"Cannot share {what} with the sandbox's group: {LibC.Describe(error)}.");
        }
    }
}
