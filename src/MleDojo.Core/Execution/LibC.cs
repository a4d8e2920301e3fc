using System.Runtime.InteropServices;

namespace MleDojo.Core.Execution;

/// <summary>The few Linux calls .NET has no API for: signals to process groups, ownership, and *at() file calls that refuse symlinks.</summary>
internal static partial class LibC
{
    public const int SIGKILL = 9;
    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const int EEXIST = 17;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;

    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;
    public const int AT_EMPTY_PATH = 0x1000;
    public const uint STATX_TYPE = 0x1;
    public const uint STATX_GID = 0x10;
    public const int S_IFMT = 0xF000;
    public const int S_IFREG = 0x8000;

    // struct statx has the same layout on every architecture (unlike struct stat); stx_mode is a u16 at offset 28.
    public const int StatxSize = 256;
    public const int StatxModeOffset = 28;
    public const int StatxGidOffset = 24;

    // These two differ between architectures: arm and powerpc swap their values relative to the generic ABI.
    public static readonly int O_DIRECTORY = UsesArmOpenFlags ? 0x4000 : 0x10000;
    public static readonly int O_NOFOLLOW = UsesArmOpenFlags ? 0x8000 : 0x20000;

    private static bool UsesArmOpenFlags => RuntimeInformation.ProcessArchitecture is Architecture.Arm
        or Architecture.Arm64 or Architecture.Armv6 or Architecture.Ppc64le;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "getegid")]
    public static partial uint GetEffectiveGroupId();

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int OpenAt(int directoryFd, string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MkdirAt(int directoryFd, string path, uint mode);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UnlinkAt(int directoryFd, string path, int flags);

    [LibraryImport("libc", EntryPoint = "fchownat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int FChownAt(int directoryFd, string path, int owner, int group, int flags);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int directoryFd, string path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    public static partial int FChown(int fd, int owner, int group);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    public static partial int FChmod(int fd, uint mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary>The file type bits (S_IFMT) of an open descriptor, or -1 with errno set.</summary>
    public static int FileType(int fd)
    {
        var buffer = new byte[StatxSize];
        if (Statx(fd, "", AT_EMPTY_PATH, STATX_TYPE, buffer) != 0)
        {
            return -1;
        }

        return BitConverter.ToUInt16(buffer, StatxModeOffset) & S_IFMT;
    }

    /// <summary>The group of a path (not following a final symlink), or -1 with errno set.</summary>
    public static int GroupOf(string path)
    {
        var buffer = new byte[StatxSize];
        if (Statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_GID, buffer) != 0)
        {
            return -1;
        }

        return (int)BitConverter.ToUInt32(buffer, StatxGidOffset);
    }

    public static bool IsRoot => GetEffectiveUserId() == 0;

    public static int LastError => Marshal.GetLastPInvokeError();

    public static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
}
