using MleDojo.Core.Execution;
using MleDojo.Core.Platform;

namespace MleDojo.Sandbox.Local;

/// <summary>Sets a workspace up so the sandbox uid can work in it but cannot touch what the server put there.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class WorkspacePreparer
{
    /// <summary>
    /// Checks the read-only paths, creates the writable ones and, when agent code runs under its own uid, hands
    /// them to it. The workspace root becomes group-writable for that uid with the sticky bit, so agent code can
    /// create files next to the server's but cannot delete or rename server-owned entries (logs/, input/, scripts).
    /// </summary>
    public static void Prepare(string workspace, IReadOnlyList<string> readOnlyPaths, IEnumerable<string> writablePaths, SandboxIdentity? identity)
    {
        if (!Directory.Exists(workspace))
        {
            throw new SandboxException($"Workspace {workspace} does not exist.");
        }

        foreach (var relative in readOnlyPaths)
        {
            var path = Path.Combine(workspace, string.Join('/', WorkspaceFiles.SplitRelative(relative, "Read-only path")));
            if (!Directory.Exists(path) || new DirectoryInfo(path).LinkTarget is not null)
            {
                // A symlink would be followed on the host when bound, but the mount point inside the sandbox would be the
                // link itself, which bubblewrap cannot mount over.
                throw new SandboxException($"Read-only path '{relative}' must be a directory (not a symlink) inside the workspace {workspace}.");
            }
        }

        foreach (var relative in writablePaths)
        {
            var path = Path.Combine(workspace, string.Join('/', WorkspaceFiles.SplitRelative(relative, "Writable path")));
            if (new FileInfo(path).LinkTarget is not null)
            {
                throw new SandboxException($"Writable path '{relative}' in {workspace} is a symlink; refusing to follow it.");
            }

            Directory.CreateDirectory(path);
            if (identity is not null)
            {
                Chown(path, identity.Uid, identity.Gid);
                File.SetUnixFileMode(path, Mode("755"));
            }
        }

        if (identity is not null)
        {
            Chown(workspace, -1, identity.Gid);
            File.SetUnixFileMode(workspace, Mode("1775"));
        }
    }

    /// <summary>
    /// Without bubblewrap, agent code reaches the workspace by its host path, so the sandbox uid must be able to pass
    /// through every directory above it. Checked up front because the failure would otherwise be a puzzling
    /// "Permission denied" on the script.
    /// </summary>
    public static void CheckTraversable(string workspace, SandboxIdentity identity, LocalIsolationMode mode)
    {
        for (var directory = Path.GetDirectoryName(workspace); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if ((File.GetUnixFileMode(directory) & UnixFileMode.OtherExecute) == 0)
            {
                throw new SandboxException(
                    $"In {mode.ToString().ToLowerInvariant()} mode agent code (uid {identity.Uid}) reaches the workspace by its host path, "
                    + $"but {directory} is not traversable by other users (chmod o+x it, or use bubblewrap).");
            }
        }
    }

    private static void Chown(string path, int uid, int gid)
    {
        if (LibC.FChownAt(LibC.AT_FDCWD, path, uid, gid, LibC.AT_SYMLINK_NOFOLLOW) != 0)
        {
            throw new SandboxException($"Cannot change the owner of {path}: {LibC.Describe(LibC.LastError)}.");
        }
    }

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);
}
