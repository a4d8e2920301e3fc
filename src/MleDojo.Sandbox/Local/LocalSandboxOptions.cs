namespace MleDojo.Sandbox.Local;

/// <summary>Settings of the local process sandbox. Every property has a working default.</summary>
public sealed class LocalSandboxOptions
{
    /// <summary>
    /// The Python interpreter agent code runs with. Default: <c>/usr/bin/python3</c> when it exists, else <c>python3</c>
    /// looked up on the server's PATH. An interpreter outside <c>/usr</c> (a venv, conda) is made visible inside
    /// bubblewrap by binding the directory above its <c>bin/</c> read-only; add more with <see cref="ExtraReadOnlyPaths"/>.
    /// </summary>
    public string PythonPath { get; set; } = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>Isolation mechanism. Default <see cref="LocalIsolationMode.Auto"/>: the strongest one that works on this machine.</summary>
    public LocalIsolationMode Isolation { get; set; } = LocalIsolationMode.Auto;

    /// <summary>
    /// Whether sandboxes may be created when full isolation (filesystem and network) is unavailable. Default false:
    /// creating a sandbox then fails with a message saying what to install. When true, agent code runs with whatever
    /// isolation is available and <see cref="LocalSandboxProvider.Isolation"/> says so.
    /// </summary>
    public bool AllowUnisolated { get; set; }

    /// <summary>Where agent code sees the workspace under bubblewrap. Default <c>/workspace</c>. Other modes use the host path.</summary>
    public string WorkspaceMountPath { get; set; } = "/workspace";

    /// <summary>
    /// Workspace-relative directories agent code owns and may write (created when missing). Default <c>output</c>.
    /// Agent code may also create new files anywhere in the workspace except the read-only paths, but cannot change
    /// or remove files the server put there.
    /// </summary>
    public IList<string> WritablePaths { get; set; } = ["output"];

    /// <summary>Extra host paths bound read-only at the same path under bubblewrap (for example model weights, <c>/opt/conda</c>). Default none.</summary>
    public IList<string> ExtraReadOnlyPaths { get; set; } = [];

    /// <summary>
    /// When the server runs as root, run agent code as an unprivileged per-session uid (needed for the process limit,
    /// which the kernel does not apply to root). Default true. Ignored when the server is not root.
    /// </summary>
    public bool DropPrivileges { get; set; } = true;

    /// <summary>
    /// First uid (and gid) of the range per-session uids are taken from. Default 1,900,000,000, inside the range
    /// systemd leaves unused, so it matches no host account or container mapping.
    /// </summary>
    public int SandboxUidBase { get; set; } = 1_900_000_000;

    /// <summary>Size of the per-session uid range; a session's uid is a hash of its id inside it. Default 65,536.</summary>
    public int SandboxUidCount { get; set; } = 65_536;

    /// <summary>Size of the private tmpfs at <c>/tmp</c> under bubblewrap (it uses RAM, outside the memory limit). Default 1 GiB.</summary>
    public long TmpSizeBytes { get; set; } = 1L << 30;

    /// <summary>Size of the private tmpfs at <c>/dev/shm</c> under bubblewrap (multiprocessing, joblib). Default 512 MiB.</summary>
    public long ShmSizeBytes { get; set; } = 512L << 20;

    /// <summary>
    /// Per-process address-space limit (RLIMIT_AS). Default null: the run's <c>MemoryBytes</c>. 0 turns it off and
    /// leaves the memory watchdog alone in charge (for runtimes that reserve huge virtual ranges, such as JAX).
    /// </summary>
    public long? AddressSpaceLimitBytes { get; set; }

    /// <summary>
    /// How often the memory watchdog sums the memory of the run's processes and kills the run when the sum passes
    /// <c>MemoryBytes</c> (the per-process limit cannot see several processes together). Default 1 s; null turns it off.
    /// </summary>
    public TimeSpan? MemoryPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest file agent code may write (RLIMIT_FSIZE). Default null: no limit.</summary>
    public long? MaxFileSizeBytes { get; set; }

    /// <summary>Bytes kept in memory from the start of each stream for the run result. Default 8 KiB.</summary>
    public int OutputHeadBytes { get; set; } = 8192;

    /// <summary>Bytes kept in memory from the end of each stream for the run result. Default 8 KiB.</summary>
    public int OutputTailBytes { get; set; } = 8192;

    /// <summary>Lines kept for <c>RecentOutput</c>. Default 200.</summary>
    public int RecentLineCapacity { get; set; } = 200;
}
