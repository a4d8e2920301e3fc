using System.Runtime.InteropServices;

namespace MleDojo.Core.Platform;

/// <summary>The few Linux calls .NET has no API for: signals to process groups, ownership, and *at() file calls that refuse symlinks.</summary>
public static partial class LibC
{
    /// <summary>The signal that cannot be caught.</summary>
    public const int SIGKILL = 9;
    /// <summary>Resolve a relative path from the working directory.</summary>
    public const int AT_FDCWD = -100;
    /// <summary>Act on a final symlink itself, not its target.</summary>
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    /// <summary>errno: the file exists.</summary>
    public const int EEXIST = 17;
    /// <summary>errno: no such file or directory.</summary>
    public const int ENOENT = 2;
    /// <summary>errno: no such process.</summary>
    public const int ESRCH = 3;
    /// <summary>errno: interrupted system call.</summary>
    public const int EINTR = 4;

    /// <summary>open(2): read only.</summary>
    public const int O_RDONLY = 0;
    /// <summary>open(2): write only.</summary>
    public const int O_WRONLY = 1;
    /// <summary>open(2): create if missing.</summary>
    public const int O_CREAT = 0x40;
    /// <summary>open(2): fail if it exists.</summary>
    public const int O_EXCL = 0x80;
    /// <summary>open(2): never block (a FIFO).</summary>
    public const int O_NONBLOCK = 0x800;
    /// <summary>open(2): closed across exec.</summary>
    public const int O_CLOEXEC = 0x80000;
    /// <summary>statx(2): the descriptor itself.</summary>
    public const int AT_EMPTY_PATH = 0x1000;
    /// <summary>statx(2): want the file type.</summary>
    public const uint STATX_TYPE = 0x1;
    /// <summary>statx(2): want the group.</summary>
    public const uint STATX_GID = 0x10;
    /// <summary>Mask of the file type bits.</summary>
    public const int S_IFMT = 0xF000;
    /// <summary>File type: regular file.</summary>
    public const int S_IFREG = 0x8000;

    // struct statx has the same layout on every architecture (unlike struct stat); stx_mode is a u16 at offset 28.
    /// <summary>Bytes of a struct statx buffer.</summary>
    public const int StatxSize = 256;
    /// <summary>Offset of stx_mode in struct statx.</summary>
    public const int StatxModeOffset = 28;
    /// <summary>Offset of stx_gid in struct statx.</summary>
    public const int StatxGidOffset = 24;

    // These two differ between architectures: arm and powerpc swap their values relative to the generic ABI.
    /// <summary>open(2): fail unless a directory (architecture-dependent value).</summary>
    public static readonly int O_DIRECTORY = UsesArmOpenFlags ? 0x4000 : 0x10000;
    /// <summary>open(2): fail on a symlink (architecture-dependent value).</summary>
    public static readonly int O_NOFOLLOW = UsesArmOpenFlags ? 0x8000 : 0x20000;

    private static bool UsesArmOpenFlags => RuntimeInformation.ProcessArchitecture is Architecture.Arm
        or Architecture.Arm64 or Architecture.Armv6 or Architecture.Ppc64le;

    /// <summary>kill(2): sends a signal to a process, or to a process group when pid is negative.</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    /// <summary>geteuid(2).</summary>
    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    /// <summary>getegid(2).</summary>
    [LibraryImport("libc", EntryPoint = "getegid")]
    public static partial uint GetEffectiveGroupId();

    /// <summary>open(2).</summary>
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    /// <summary>openat(2): opens relative to a directory descriptor.</summary>
    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int OpenAt(int directoryFd, string path, int flags, uint mode);

    /// <summary>mkdirat(2).</summary>
    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MkdirAt(int directoryFd, string path, uint mode);

    /// <summary>unlinkat(2).</summary>
    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UnlinkAt(int directoryFd, string path, int flags);

    /// <summary>fchownat(2): changes ownership, with AT_SYMLINK_NOFOLLOW not through a link.</summary>
    [LibraryImport("libc", EntryPoint = "fchownat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int FChownAt(int directoryFd, string path, int owner, int group, int flags);

    /// <summary>statx(2).</summary>
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int directoryFd, string path, int flags, uint mask, [Out] byte[] buffer);

    /// <summary>fchown(2).</summary>
    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    public static partial int FChown(int fd, int owner, int group);

    /// <summary>fchmod(2).</summary>
    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    public static partial int FChmod(int fd, uint mode);

    /// <summary>close(2).</summary>
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

    /// <summary>True when the process runs as root.</summary>
    public static bool IsRoot => GetEffectiveUserId() == 0;

    /// <summary>errno of the last call made with SetLastError.</summary>
    public static int LastError => Marshal.GetLastPInvokeError();

    /// <summary>An errno as words, for messages.</summary>
    public static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
}
