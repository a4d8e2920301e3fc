using System.ComponentModel.DataAnnotations;
using MleDojo.Sandbox.Common;

namespace MleDojo.Sandbox.Docker;

/// <summary>
/// Settings of the Docker sandbox backend. Every property has a working default for a local engine. The attributes
/// and <see cref="Validate(ValidationContext)"/> hold every rule, so the provider and configuration binding check the
/// same things.
/// </summary>
public sealed class DockerSandboxOptions : IValidatableObject
{
    private const string ImagePattern = "^[a-z0-9][A-Za-z0-9._/:@-]*$";

    /// <summary>The image tag the server expects unless configured otherwise; bumped when the image's contents change.</summary>
    public const string DefaultImage = "mledojo-sandbox:1";

    /// <summary>Where agent code sees the session workspace inside the container.</summary>
    public const string WorkspaceMountPath = "/workspace";

    /// <summary>
    /// The engine endpoint: <c>unix:///var/run/docker.sock</c>, <c>tcp://host:2376</c> (TLS when client certificates
    /// are configured) or <c>https://host:2376</c>. Default: <c>$DOCKER_HOST</c>, else the local socket.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>
    /// Whether to use TLS and check the engine's certificate against the CA certificate. Default:
    /// <c>$DOCKER_TLS_VERIFY</c> (set and not <c>0</c>); TLS is also used whenever client certificate paths are configured.
    /// </summary>
    public bool? TlsVerify { get; set; }

    /// <summary>
    /// Directory holding <c>ca.pem</c>, <c>cert.pem</c> and <c>key.pem</c>, as the docker CLI expects them.
    /// Default: <c>$DOCKER_CERT_PATH</c>, else <c>~/.docker</c>.
    /// </summary>
    public string? CertPath { get; set; }

    /// <summary>The CA certificate (PEM) the engine's certificate must chain to. Default: <c>ca.pem</c> in <see cref="CertPath"/>.</summary>
    public string? TlsCaCertificate { get; set; }

    /// <summary>The client certificate (PEM). Default: <c>cert.pem</c> in <see cref="CertPath"/>.</summary>
    public string? TlsCertificate { get; set; }

    /// <summary>The client certificate's private key (PEM). Default: <c>key.pem</c> in <see cref="CertPath"/>.</summary>
    public string? TlsKey { get; set; }

    /// <summary>The sandbox image. Default <see cref="DefaultImage"/>; build it with <c>mledojo sandbox build-image</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Image must name an image such as " + DefaultImage + ".")]
    [RegularExpression(ImagePattern, ErrorMessage = "Image is not an image reference such as " + DefaultImage + ".")]
    public string Image { get; set; } = DefaultImage;

    /// <summary>
    /// Value of the <c>mledojo.instance</c> label on this server's containers. Containers carrying it are removed at
    /// start-up (leftovers of a crash) and at shutdown, so it must be unique per server and stable across its restarts.
    /// Default: derived from the data root (<see cref="DockerInstance.ForDataRoot"/>).
    /// </summary>
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "InstanceId must be 1-64 letters, digits, '.', '_' or '-'.")]
    public string? InstanceId { get; set; }

    /// <summary>
    /// The uid and gid agent code runs as when the server is root (the image's <c>agent</c> user). Default 1000. When the
    /// server is not root, agent code runs as the server's own uid and gid, so both can use the workspace.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "AgentUid must be positive: agent code never runs as root.")]
    public int AgentUid { get; set; } = 1000;

    /// <inheritdoc cref="AgentUid"/>
    [Range(1, int.MaxValue, ErrorMessage = "AgentGid must be positive: agent code never runs as root.")]
    public int AgentGid { get; set; } = 1000;

    /// <summary>The uid and gid of the container's pid 1 (a zombie reaper): not the agent's, so agent code cannot signal it. Default 65534 (nobody).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "InitUid must be positive.")]
    public int InitUid { get; set; } = 65534;

    /// <summary>Size of the container's <c>/tmp</c> tmpfs. Its pages count against the session's memory limit. Default 1 GiB.</summary>
    [Range(1L << 20, long.MaxValue, ErrorMessage = "TmpSizeBytes must be at least 1 MiB (1048576).")]
    public long TmpSizeBytes { get; set; } = 1L << 30;

    /// <summary>Size of <c>/dev/shm</c> (multiprocessing, joblib). Its pages count against the memory limit. Default 512 MiB.</summary>
    [Range(1L << 20, long.MaxValue, ErrorMessage = "ShmSizeBytes must be at least 1 MiB (1048576).")]
    public long ShmSizeBytes { get; set; } = 512L << 20;

    /// <summary>
    /// Per-process address-space limit (RLIMIT_AS) inside a run, so a huge allocation fails at once with MemoryError
    /// instead of meeting the cgroup's out-of-memory killer. Default null: the run's memory limit. 0 turns it off (for
    /// runtimes that reserve huge virtual ranges, such as JAX).
    /// </summary>
    [Range(0, long.MaxValue, ErrorMessage = "AddressSpaceLimitBytes must be null, 0 (off) or positive.")]
    public long? AddressSpaceLimitBytes { get; set; }

    /// <summary>
    /// Whether runs fork from a warm template per session that has imported <see cref="WarmModules"/> once, instead of
    /// starting a fresh interpreter each (docs/docker.md, "Warm interpreter"). Default true. The container then starts
    /// as root with CAP_SETUID and CAP_SETGID only, for the template; agent code still runs without capabilities. The
    /// server sets it from <c>MleDojo:Sandbox:WarmInterpreter</c> and <c>--cold-runs</c>.
    /// </summary>
    public bool WarmInterpreter { get; set; } = true;

    /// <summary>
    /// The modules the warm template imports before it forks runs. A module that fails to import (not in the image) is
    /// logged and left to the runs. Default: numpy, pandas, scipy, the common scikit-learn submodules, xgboost and
    /// matplotlib.pyplot.
    /// </summary>
    public IList<string> WarmModules { get; set; } =
    [
        "numpy", "pandas", "scipy", "sklearn", "sklearn.linear_model", "sklearn.ensemble", "sklearn.model_selection",
        "sklearn.metrics", "sklearn.preprocessing", "xgboost", "matplotlib", "matplotlib.pyplot",
    ];

    /// <summary>
    /// How long a run waits for its session's warm template to finish importing before it goes cold instead. Default
    /// zero, as on the local backend (<see cref="Local.LocalSandboxOptions.WarmStartWait"/>); calibration raises it.
    /// </summary>
    public TimeSpan WarmStartWait { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Whether the warm template rehearses the calls of a typical tabular step once after its imports, as the local
    /// one does (<see cref="Local.LocalSandboxOptions.WarmRehearsal"/>), so runs start past their first-call costs.
    /// Default true.
    /// </summary>
    public bool WarmRehearsal { get; set; } = true;

    /// <summary>
    /// Whether each session's spare run (forked ahead from the warm template while the agent thinks) copies the
    /// template's resident writable pages before its script arrives, as the local one does
    /// (<see cref="Local.LocalSandboxOptions.WarmPrefault"/>). The container's memory limit grows by the copies (about
    /// the template's anonymous memory), so they do not take from a run's memory. Default true.
    /// </summary>
    public bool WarmPrefault { get; set; } = true;

    /// <summary>
    /// The most warm templates this provider keeps at once (each holds its imports in memory for its session's life);
    /// sessions beyond the cap run cold. Default 16; 0 means no cap.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int MaxWarmTemplates { get; set; } = 16;

    /// <summary>Time allowed to reach the engine when the provider is created. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "ConnectTimeout must be positive (at most a day).")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for one engine call (create, inspect, remove). Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "ApiTimeout must be positive (at most a day).")]
    public TimeSpan ApiTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Time allowed to kill a run's process tree inside the container before the whole container is killed instead
    /// (taking the session's other runs with it). Default 15 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "KillTimeout must be positive (at most a day).")]
    public TimeSpan KillTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Bytes kept in memory from the start of each stream for the run result. Default 8 KiB.</summary>
    [Range(0, int.MaxValue)]
    public int OutputHeadBytes { get; set; } = 8192;

    /// <summary>Bytes kept in memory from the end of each stream for the run result. Default 8 KiB.</summary>
    [Range(0, int.MaxValue)]
    public int OutputTailBytes { get; set; } = 8192;

    /// <summary>Lines kept for <c>RecentOutput</c>. Default 200.</summary>
    [Range(1, int.MaxValue)]
    public int RecentLineCapacity { get; set; } = 200;

    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate() => OptionsValidation.Errors(this);

    /// <summary>The rules across fields: an endpoint that is a URI, and an init uid that is not the agent's.</summary>
    /// <param name="validationContext">The validation context (unused: the rules read only these options).</param>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Endpoint is { } endpoint && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
        {
            yield return new ValidationResult(
                $"Endpoint '{endpoint}' is not a URI such as unix:///var/run/docker.sock or tcp://host:2376.",
                [nameof(Endpoint)]);
        }

        if (InitUid == AgentUid)
        {
            yield return new ValidationResult(
                "InitUid must differ from AgentUid, so agent code cannot signal the container's init.",
                [nameof(InitUid), nameof(AgentUid)]);
        }
    }
}
