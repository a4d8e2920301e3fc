using System.ComponentModel.DataAnnotations;

namespace MleDojo.Sandbox.Local;

/// <summary>
/// Settings of the local process sandbox. Every property has a working default. The attributes and
/// <see cref="Validate"/> hold every rule, so the provider and configuration binding check the same things.
/// </summary>
public sealed class LocalSandboxOptions : IValidatableObject
{
    private static readonly string[] ReservedMountPaths = ["/", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/proc", "/dev", "/tmp"];

    /// <summary>
    /// The Python interpreter agent code runs with. Default: <c>/usr/bin/python3</c> when it exists, else <c>python3</c>
    /// looked up on the server's PATH. An interpreter outside <c>/usr</c> (a venv, conda) is made visible inside
    /// bubblewrap by binding the directory above its <c>bin/</c> read-only; add more with <see cref="ExtraReadOnlyPaths"/>.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string PythonPath { get; set; } = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>Isolation mechanism. Default <see cref="LocalIsolationMode.Auto"/>: the strongest one that works on this machine.</summary>
    [EnumDataType(typeof(LocalIsolationMode))]
    public LocalIsolationMode Isolation { get; set; } = LocalIsolationMode.Auto;

    /// <summary>
    /// Whether sandboxes may be created when full isolation (filesystem and network) is unavailable. Default false:
    /// creating a sandbox then fails with a message saying what to install. When true, agent code runs with whatever
    /// isolation is available and <see cref="LocalSandboxProvider.Isolation"/> says so.
    /// </summary>
    public bool AllowUnisolated { get; set; }

    /// <summary>Where agent code sees the workspace under bubblewrap. Default <c>/workspace</c>. Other modes use the host path.</summary>
    [Required(AllowEmptyStrings = false)]
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
    [Range(1000, int.MaxValue)]
    public int SandboxUidBase { get; set; } = 1_900_000_000;

    /// <summary>Size of the per-session uid range; a session's uid is a hash of its id inside it. Default 65,536.</summary>
    [Range(1, int.MaxValue)]
    public int SandboxUidCount { get; set; } = 65_536;

    /// <summary>Size of the private tmpfs at <c>/tmp</c> under bubblewrap (it uses RAM, outside the memory limit). Default 1 GiB.</summary>
    [Range(1L << 20, long.MaxValue, ErrorMessage = "TmpSizeBytes must be at least 1 MiB (1048576).")]
    public long TmpSizeBytes { get; set; } = 1L << 30;

    /// <summary>Size of the private tmpfs at <c>/dev/shm</c> under bubblewrap (multiprocessing, joblib). Default 512 MiB.</summary>
    [Range(1L << 20, long.MaxValue, ErrorMessage = "ShmSizeBytes must be at least 1 MiB (1048576).")]
    public long ShmSizeBytes { get; set; } = 512L << 20;

    /// <summary>
    /// Per-process address-space limit (RLIMIT_AS). Default null: the run's <c>MemoryBytes</c>. 0 turns it off and
    /// leaves the memory watchdog alone in charge (for runtimes that reserve huge virtual ranges, such as JAX).
    /// </summary>
    [Range(0, long.MaxValue, ErrorMessage = "AddressSpaceLimitBytes must be null, 0 (off) or positive.")]
    public long? AddressSpaceLimitBytes { get; set; }

    /// <summary>
    /// How often the memory watchdog sums the memory of the run's processes and kills the run when the sum passes
    /// <c>MemoryBytes</c> (the per-process limit cannot see several processes together). Default 1 s; null turns it off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan? MemoryPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest file agent code may write (RLIMIT_FSIZE). Default null: no limit.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "MaxFileSizeBytes must be null (no limit) or positive.")]
    public long? MaxFileSizeBytes { get; set; }

    /// <summary>
    /// Whether runs fork from a warm template per session that has imported <see cref="WarmModules"/> once, instead of
    /// starting a fresh interpreter each (see docs/sandbox.md, "Warm interpreters"). Default true. Needs bubblewrap;
    /// other isolation modes always run cold. The server sets it from <c>MleDojo:Sandbox:WarmInterpreter</c> and <c>--cold-runs</c>.
    /// </summary>
    public bool WarmInterpreter { get; set; } = true;

    /// <summary>
    /// The modules the warm template imports before it forks runs (matplotlib with the Agg backend). A module that
    /// fails to import is logged and left to the runs. Default: numpy, pandas, scipy, the common scikit-learn
    /// submodules, xgboost and matplotlib.pyplot.
    /// </summary>
    public IList<string> WarmModules { get; set; } =
    [
        "numpy", "pandas", "scipy", "sklearn", "sklearn.linear_model", "sklearn.ensemble", "sklearn.model_selection",
        "sklearn.metrics", "sklearn.preprocessing", "xgboost", "matplotlib", "matplotlib.pyplot",
    ];

    /// <summary>
    /// Whether each session's spare run (forked ahead from the warm template while the agent thinks) copies the
    /// template's resident writable pages before its script arrives. A forked run otherwise pays a copy-on-write fault
    /// for each template page it writes, which on a virtual machine costs a typical step about as much as its own work.
    /// The copies cost a spare about the template's anonymous memory (about 110 MiB with the default modules) and do
    /// not count against the run's memory limit. Default true.
    /// </summary>
    public bool WarmPrefault { get; set; } = true;

    /// <summary>
    /// Whether the warm template rehearses the calls of a typical tabular step once after its imports (pandas CSV
    /// reading and writing, a scikit-learn linear model and forest fit on a tiny table in a scratch directory), so runs
    /// start past their first-call costs. Warnings raised by the rehearsal are not recorded as shown. Default true.
    /// </summary>
    public bool WarmRehearsal { get; set; } = true;

    /// <summary>
    /// How long a run waits for its session's warm template to finish importing before it goes cold instead. Default
    /// zero: a run never waits, so the first runs of a session (started while the template imports) cost what a cold
    /// run costs and no more; later runs fork from the ready template. Tests and benchmarks that need the warm path
    /// from the first run raise it.
    /// </summary>
    public TimeSpan WarmStartWait { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// The most warm templates this provider keeps at once (each holds its imports in memory for its session's life,
    /// about 150 MiB with the default modules; docs/sandbox.md has the measurement). Sessions beyond the cap run cold.
    /// Default 16; 0 means no cap.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int MaxWarmTemplates { get; set; } = 16;

    /// <summary>Bytes kept in memory from the start of each stream for the run result. Default 8 KiB.</summary>
    [Range(0, int.MaxValue)]
    public int OutputHeadBytes { get; set; } = 8192;

    /// <summary>Bytes kept in memory from the end of each stream for the run result. Default 8 KiB.</summary>
    [Range(0, int.MaxValue)]
    public int OutputTailBytes { get; set; } = 8192;

    /// <summary>Lines kept for <c>RecentOutput</c>. Default 200.</summary>
    [Range(1, int.MaxValue)]
    public int RecentLineCapacity { get; set; } = 200;

    /// <summary>The rules across fields: a mount point outside the system directories, a uid range below 2^31, absolute extra paths.</summary>
    /// <param name="validationContext">The validation context (unused: the rules read only these options).</param>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var mount = WorkspaceMountPath ?? "";
        if (!Path.IsPathRooted(mount) || mount.Contains("..", StringComparison.Ordinal)
            || ReservedMountPaths.Any(r => mount.TrimEnd('/') == r || (r != "/" && mount.StartsWith(r + "/", StringComparison.Ordinal))))
        {
            yield return new ValidationResult(
                $"WorkspaceMountPath '{mount}' must be an absolute path outside the system directories, for example /workspace.",
                [nameof(WorkspaceMountPath)]);
        }

        if ((long)SandboxUidBase + SandboxUidCount > int.MaxValue)
        {
            yield return new ValidationResult("SandboxUidBase + SandboxUidCount must stay below 2^31.", [nameof(SandboxUidBase), nameof(SandboxUidCount)]);
        }

        if (WarmStartWait < TimeSpan.Zero)
        {
            yield return new ValidationResult($"WarmStartWait {WarmStartWait} must not be negative; use 00:00:00 for runs that never wait for the warm template.", [nameof(WarmStartWait)]);
        }

        foreach (var path in ExtraReadOnlyPaths ?? [])
        {
            if (!Path.IsPathRooted(path))
            {
                yield return new ValidationResult($"ExtraReadOnlyPaths entry '{path}' must be absolute.", [nameof(ExtraReadOnlyPaths)]);
            }
        }
    }
}
