using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MleDojo.Core.Execution;
using MleDojo.Core.Platform;
using MleDojo.Sandbox.Common;
using MleDojo.Sandbox.Docker;
using MleDojo.Sandbox.Local;
using MleDojo.Sandbox.Warm;

namespace MleDojo.Sandbox.Slurm;

/// <summary>
/// The Slurm sandbox backend: each session a Slurm allocation (a holder job sized from its budget), each run a job step
/// in it, isolated on the node by the local backend's bubblewrap command. Workspaces live under a shared root that the
/// server and the nodes mount. Create it once with <see cref="CreateAsync(SlurmSandboxOptions, LocalSandboxOptions, string, ILogger{SlurmSandboxProvider}?, CancellationToken)"/>: that finds the live allocations of an
/// earlier run of this instance, for its sessions to re-attach to. Disposing it cancels every allocation it holds.
/// </summary>
public sealed partial class SlurmSandboxProvider : ISandboxProvider, IAsyncDisposable
{
    private readonly SlurmSandboxOptions _options;
    private readonly LocalSandboxOptions _local;
    private readonly LocalCommandBuilder _builder;
    private readonly SlurmCommands _commands;
    private readonly SlurmAllocations _allocations;
    private readonly ConcurrentDictionary<string, SlurmJob> _adopted;
    private readonly ConcurrentDictionary<SlurmSandbox, byte> _sandboxes = new();
    private readonly WarmTemplateSlots _warmSlots;
    private readonly ILogger _logger;
    private int _disposed;

    private SlurmSandboxProvider(SlurmSandboxOptions options, LocalSandboxOptions local, LocalSandboxProvider probe, SlurmCommands commands, SlurmAllocations allocations, Dictionary<string, SlurmJob> adopted, ILogger logger)
    {
        _options = options;
        _local = local;
        _commands = commands;
        _allocations = allocations;
        _adopted = new ConcurrentDictionary<string, SlurmJob>(adopted, StringComparer.Ordinal);
        _logger = logger;
        _builder = new LocalCommandBuilder(local, HostTools.Find(), probe.Mode, LibC.IsRoot, probe.PythonPath, logger);
        _warmSlots = new WarmTemplateSlots(local.MaxWarmTemplates);
        WarmRuns = local.WarmInterpreter && probe.Mode == LocalIsolationMode.Bubblewrap;
        SharedRoot = Path.GetFullPath(options.SharedRoot!);
        Isolation = probe.Isolation with
        {
            Description = $"slurm: a job step per run in the session's allocation, isolated on the node by {probe.Isolation.Description}",
        };
    }

    /// <inheritdoc />
    public string Name => "slurm";

    /// <inheritdoc />
    public SandboxIsolation Isolation { get; }

    /// <summary>
    /// Whether sessions get a warm template, a long-lived step their runs fork from (the local backend's
    /// <see cref="LocalSandboxOptions.WarmInterpreter"/>, with bubblewrap).
    /// </summary>
    public bool WarmRuns { get; }

    /// <summary>The directory the server and the nodes share.</summary>
    public string SharedRoot { get; }

    /// <inheritdoc />
    public string? WorkspacesRoot => Path.Combine(SharedRoot, "workspaces");

    /// <summary>The value of the <c>mledojo.instance</c> label on this provider's jobs.</summary>
    public string InstanceId => _allocations.InstanceId;

    /// <summary>Live allocations of an earlier run of this instance, found at start-up, not yet claimed by their session.</summary>
    public IReadOnlyCollection<string> UnclaimedSessions => [.. _adopted.Keys];

    /// <summary>
    /// Checks the options, probes bubblewrap here (the nodes are expected to have the same system: the isolation is
    /// probed once, on the server host), asks Slurm for its jobs, and keeps this instance's live allocations for
    /// their sessions to re-attach to.
    /// </summary>
    /// <param name="options">The Slurm settings.</param>
    /// <param name="local">The local backend's settings: the isolation of each step.</param>
    /// <param name="dataRoot">The server's data root, which must not overlap the shared root (it holds the answers).</param>
    /// <param name="logger">Where the backend logs; null logs nothing.</param>
    /// <param name="cancellationToken">Cancels the start-up.</param>
    /// <exception cref="SandboxException">The options are invalid, isolation is missing, or Slurm does not answer.</exception>
    public static async Task<SlurmSandboxProvider> CreateAsync(SlurmSandboxOptions options, LocalSandboxOptions local, string dataRoot, ILogger<SlurmSandboxProvider>? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(local);
        var errors = OptionsValidation.Errors(options);
        if (errors.Count > 0)
        {
            throw new SandboxException("Invalid Slurm sandbox options: " + string.Join(" ", errors));
        }

        var shared = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.SharedRoot!));
        var data = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataRoot));
        if (IsSameOrUnder(shared, data) || IsSameOrUnder(data, shared))
        {
            throw new SandboxException(
                $"The Slurm shared root {shared} and the data root {data} must not contain each other: the data root holds the answers and the "
                + "database, which must stay off the shared filesystem. Set MleDojo:Sandbox:Slurm:SharedRoot to a separate directory.");
        }

        var log = (ILogger?)logger ?? NullLogger.Instance;
        var probe = await LocalSandboxProvider.ProbeAsync(local, null, cancellationToken).ConfigureAwait(false);
        if (probe.Mode != LocalIsolationMode.Bubblewrap && !(local.AllowUnisolated && probe.Mode != LocalIsolationMode.None))
        {
            throw new SandboxException(
                $"The Slurm backend runs each step under bubblewrap, which does not work here ({probe.Isolation.Description}). "
                + "Install bubblewrap (apt-get install bubblewrap) on the server and every node.");
        }

        Directory.CreateDirectory(Path.Combine(shared, "workspaces"));
        Directory.CreateDirectory(Path.Combine(shared, "etc"));
        var commands = new SlurmCommands(options.CommandDirectory, options.CommandTimeout);
        var instance = options.InstanceId ?? DockerInstance.ForDataRoot(data);
        var allocations = new SlurmAllocations(commands, options, instance);
        Dictionary<string, SlurmJob> adopted;
        try
        {
            adopted = await allocations.ListOwnAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SandboxException ex)
        {
            throw new SandboxException($"Slurm does not answer: {ex.Message} Start the cluster (scripts/slurm-cluster.sh starts a private one) or set SLURM_CONF.", ex);
        }

        SlurmLog.Ready(log, shared, instance, adopted.Count);
        return new SlurmSandboxProvider(options, local, probe, commands, allocations, adopted, log);
    }

    /// <summary>
    /// Cancels the allocations found at start-up whose session is not among <paramref name="liveSessionIds"/> (it
    /// ended, or its record is gone). Jobs of other instances and users are never touched. Returns how many it cancelled.
    /// </summary>
    public async Task<int> CancelOrphansAsync(IReadOnlyCollection<string> liveSessionIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(liveSessionIds);
        var live = liveSessionIds.ToHashSet(StringComparer.Ordinal);
        var cancelled = 0;
        foreach (var (session, job) in _adopted.ToArray())
        {
            if (!live.Contains(session) && _adopted.TryRemove(session, out _))
            {
                await _allocations.CancelAsync(job.JobId, cancellationToken).ConfigureAwait(false);
                cancelled++;
            }
        }

        if (cancelled > 0)
        {
            SlurmLog.CancelledOrphans(_logger, cancelled);
        }

        return cancelled;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Returns as soon as the session's holder job is submitted (or its live one found again after a restart), without
    /// waiting for the allocation: the job may pend in a busy cluster. <see cref="ISandbox.WaitReadyAsync"/> waits for it
    /// and says why it pends; a run started before that waits up to <see cref="SlurmSandboxOptions.AllocationWait"/>.
    /// </remarks>
    /// <exception cref="SandboxException">The workspace is unusable, or Slurm refused the job.</exception>
    public async Task<ISandbox> CreateAsync(SandboxSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The Slurm sandbox needs Linux.");
        }

        var workspace = SandboxSpecPaths.Workspace(spec);
        if (!IsSameOrUnder(Path.GetFullPath(workspace), SharedRoot))
        {
            throw new SandboxException($"The workspace of session {spec.SessionId} is not under the Slurm shared root, so the nodes cannot see it.");
        }

        var readOnly = SandboxSpecPaths.ReadOnly(spec);
        var writable = _local.WritablePaths
            .Select(p => string.Join('/', WorkspaceFiles.SplitRelative(p, "Writable path")))
            .Where(p => !readOnly.Any(r => p == r || p.StartsWith(r + "/", StringComparison.Ordinal)))
            .ToList();
        var identity = LibC.IsRoot && _local.DropPrivileges
            ? SandboxIdentity.ForSession(spec.SessionId, _local.SandboxUidBase, _local.SandboxUidCount)
            : null;
        WorkspacePreparer.Prepare(workspace, readOnly, writable, identity);

        // The generated /etc files must be visible on the node: under the shared root, outside every workspace.
        var name = SafeName().Replace(spec.SessionId[..Math.Min(40, spec.SessionId.Length)], "_");
        var etc = Path.Combine(SharedRoot, "etc", $"{name}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        await EtcFiles.WriteAsync(etc, identity, cancellationToken).ConfigureAwait(false);
        var layout = new LocalSandboxLayout(workspace, _local.WorkspaceMountPath, readOnly, identity, etc);

        var (jobId, running) = await AllocateAsync(spec, cancellationToken).ConfigureAwait(false);
        var warm = WarmRuns ? await CreateWarmAsync(spec, layout, cancellationToken).ConfigureAwait(false) : null;
        var sandbox = new SlurmSandbox(spec with { WorkspacePath = workspace }, layout, _builder, _local, _options, _commands, _allocations, jobId, running, warm, _logger);
        _sandboxes[sandbox] = 0;
        if (Volatile.Read(ref _disposed) != 0)
        {
            await sandbox.DisposeAsync().ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(SlurmSandboxProvider));
        }

        return sandbox;
    }

    /// <summary>Cancels every allocation of this provider's sandboxes (their runs end as cancelled). Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Task.WhenAll(_sandboxes.Keys.Select(s => s.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    /// <summary>
    /// The session's holder job, without waiting for it to start: the live one an earlier run of the server left (running,
    /// or still pending in the queue), else a new one. Says whether it is known to be running.
    /// </summary>
    private async Task<(long JobId, bool Running)> AllocateAsync(SandboxSpec spec, CancellationToken cancellationToken)
    {
        if (_adopted.TryRemove(spec.SessionId, out var adopted))
        {
            // It may have ended since start-up; a pending one keeps its place in the queue.
            var job = await _commands.FindAsync(adopted.JobId, cancellationToken).ConfigureAwait(false);
            if (job is { IsRunning: true } or { IsPending: true })
            {
                SlurmLog.Reattached(_logger, spec.SessionId, adopted.JobId, job.State);
                return (adopted.JobId, job.IsRunning);
            }

            await _allocations.CancelAsync(adopted.JobId, CancellationToken.None).ConfigureAwait(false);
        }

        return (await _allocations.SubmitAsync(spec, cancellationToken).ConfigureAwait(false), false);
    }

    /// <summary>The session's warm template: its scripts under the shared root beside its /etc files, its step's command.</summary>
    private Task<SlurmWarmInterpreter?> CreateWarmAsync(SandboxSpec spec, LocalSandboxLayout layout, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(SharedRoot, "warm", Path.GetFileName(layout.EtcDirectory!));
        return SlurmWarmInterpreter.CreateAsync(
            spec.SessionId,
            directory,
            jobId => SlurmStepCommand.Create(
                _commands.Path("srun"),
                jobId,
                spec.Limits.Cpus,
                layout.HostWorkspace,
                _builder.BuildTemplate(layout, directory, spec.Limits),
                ["--job-name=mledojo-warm"],
                prologue: null),
            _warmSlots,
            _logger,
            cancellationToken);
    }

    private static bool IsSameOrUnder(string path, string directory) =>
        path == directory || path.StartsWith(directory.TrimEnd('/') + "/", StringComparison.Ordinal);

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex SafeName();
}
