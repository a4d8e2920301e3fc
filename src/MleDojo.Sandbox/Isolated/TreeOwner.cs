using MleDojo.Core.Execution;
using MleDojo.Core.Platform;

namespace MleDojo.Sandbox.Isolated;

/// <summary>Changes the owner of a directory tree without following links (the tree may hold links the job planted).</summary>
internal static class TreeOwner
{
    public static void Change(string root, int uid, int gid)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        Chown(root, uid, gid);
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            Chown(entry.FullName, uid, gid);
        }
    }

    private static void Chown(string path, int uid, int gid)
    {
        if (LibC.FChownAt(LibC.AT_FDCWD, path, uid, gid, LibC.AT_SYMLINK_NOFOLLOW) != 0)
        {
            throw new SandboxException($"Cannot change the owner of {path}: {LibC.Describe(LibC.LastError)}.");
        }
    }
}
