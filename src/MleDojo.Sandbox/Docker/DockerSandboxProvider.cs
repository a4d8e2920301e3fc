using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MleDojo.Core;
using MleDojo.Core.Execution;
using MleDojo.Core.Platform;
using MleDojo.Sandbox.Common;
using MleDojo.Sandbox.Local;
using MleDojo.Sandbox.Warm;

namespace MleDojo.Sandbox.Docker;

/// <summary>
/// The Docker sandbox backend: one container per session, kept warm across steps, each run an exec in it. The
/// container runs as a non-root user with no network, a read-only root filesystem, no capabilities, and cgroup
/// memory, CPU and process limits; only the session workspace is mounted. Create it once with
/// <see cref="CreateAsync(DockerSandboxOptions?, CancellationToken)"/> and dispose it at shutdown: that removes every
/// container it made.
/// </summary>
public sealed partial class DockerSandboxProvider : ISandboxProvider, IAsyncDisposable
{
    private readonly IDockerEngine _engine;
    private readonly DockerSandboxOptions _options;
    private readonly DockerEngineInfo _info;
    private readonly bool _isRoot;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<DockerSandbox, byte> _sandboxes = new();
    private readonly WarmTemplateSlots _warmSlots;
    private int _disposed;

    private DockerSandboxProvider(IDockerEngine engine, DockerSandboxOptions options, DockerEngineInfo info, string instanceId, ILogger logger)
    {
        _engine = engine;
        _options = options;
        _info = info;
        _logger = logger;
        _isRoot = LibC.IsRoot;
        _warmSlots = new WarmTemplateSlots(options.MaxWarmTemplates);
        InstanceId = instanceId;
        Isolation = new SandboxIsolation(
            Filesystem: true,
            Network: true,
            $"docker {info.Version} at {engine.Endpoint}: a container per session from {options.Image}, no network, read-only root filesystem, "
            + $"non-root uid, no capabilities, cgroup{(info.CgroupVersion is { } v ? " v" + v : "")} memory/CPU/pids limits, only the workspace mounted"
            + (options.WarmInterpreter ? "; runs forked from a warm interpreter per session (root with CAP_SETUID/CAP_SETGID only; runs drop to the agent's uid)" : ""));
    }

    /// <inheritdoc />
    public string Name => "docker";

    /// <inheritdoc />
    public SandboxIsolation Isolation { get; }

    /// <summary>The value of the <c>mledojo.instance</c> label on this provider's containers.</summary>
    public string InstanceId { get; }

    /// <summary>The image sessions run in.</summary>
    public string Image => _options.Image;

    /// <summary>The engine's version.</summary>
    public string EngineVersion => _info.Version;

    /// <summary>Whether sessions get a warm template their runs fork from (<see cref="DockerSandboxOptions.WarmInterpreter"/>).</summary>
    public bool WarmRuns => _options.WarmInterpreter;

    /// <summary>Containers of an earlier run of this instance (a crash) that creating this provider removed.</summary>
    public int RemovedLeftovers { get; private set; }

    /// <summary>
    /// Connects to the engine (the configured endpoint, else <c>DOCKER_HOST</c>, else the local socket), checks that the
    /// sandbox image exists, and removes containers an earlier, crashed run of the same instance left behind.
    /// </summary>
    /// <exception cref="SandboxException">
    /// The options are invalid, the engine cannot be reached, or the image is missing; the message says how to fix it.
    /// </exception>
    public static Task<DockerSandboxProvider> CreateAsync(DockerSandboxOptions? options = null, CancellationToken cancellationToken = default) =>
        CreateAsync(options, logger: null, cancellationToken);

    /// <inheritdoc cref="CreateAsync(DockerSandboxOptions?, CancellationToken)"/>
    /// <param name="options">The settings; null for the defaults.</param>
    /// <param name="logger">Where start-up findings and the engine failures the backend survives are logged; null logs nothing.</param>
    /// <param name="cancellationToken">Cancels the start-up checks.</param>
    public static async Task<DockerSandboxProvider> CreateAsync(DockerSandboxOptions? options, ILogger<DockerSandboxProvider>? logger, CancellationToken cancellationToken = default)
    {
        options ??= new DockerSandboxOptions();
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new SandboxException("Invalid Docker sandbox options: " + string.Join(" ", errors));
        }

        DockerEndpoint endpoint;
        try
        {
            endpoint = DockerEndpoint.Resolve(options, Environment.GetEnvironmentVariable);
        }
        catch (ArgumentException ex)
        {
            throw new SandboxException(ex.Message, ex);
        }

        return await CreateAsync(options, DockerEngine.Connect(endpoint, options.ApiTimeout), (ILogger?)logger ?? NullLogger.Instance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The message for a missing image: how to build it, offline or from the Dockerfile.</summary>
    public static string MissingImageMessage(string image, string endpoint) =>
        $"The sandbox image '{image}' is not in the Docker engine at {endpoint}. Build it offline from Debian packages with "
        + $"`mledojo sandbox build-image --image {image}` (as root; needs debootstrap), or where a registry is reachable with "
        + $"`docker build -t {image} docker/` from the MleDojo source tree.";

    /// <summary>Creates the provider over an engine (which it then owns and disposes).</summary>
    internal static async Task<DockerSandboxProvider> CreateAsync(DockerSandboxOptions options, IDockerEngine engine, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            DockerEngineInfo info;
            try
            {
                info = await engine.GetInfoAsync(cancellationToken).WaitAsync(options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new SandboxException(
                    $"Cannot reach the Docker engine at {engine.Endpoint}: {Describe(ex)}. Start it (scripts/docker-engine.sh starts a private one), "
                    + "or point DOCKER_HOST or MleDojo:Sandbox:Docker:Endpoint at a running engine.",
                    ex);
            }

            if (!await engine.ImageExistsAsync(options.Image, cancellationToken).ConfigureAwait(false))
            {
                throw new SandboxException(MissingImageMessage(options.Image, engine.Endpoint));
            }

            var instance = options.InstanceId ?? DockerInstance.ForDataRoot(DataRoot.FromEnvironment().Path);
            var provider = new DockerSandboxProvider(engine, options, info, instance, logger);
            provider.RemovedLeftovers = await provider.RemoveInstanceContainersAsync(cancellationToken).ConfigureAwait(false);
            DockerLog.Ready(logger, info.Version, engine.Endpoint, options.Image, instance);
            if (provider.RemovedLeftovers > 0)
            {
                DockerLog.RemovedLeftovers(logger, provider.RemovedLeftovers, instance);
            }

            return provider;
        }
        catch
        {
            await engine.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    /// <exception cref="SandboxException">The workspace is unusable or the engine could not start the container.</exception>
    public async Task<ISandbox> CreateAsync(SandboxSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The Docker sandbox prepares workspaces with Linux ownership and modes.");
        }

        var workspace = SandboxSpecPaths.Workspace(spec);
        var readOnly = SandboxSpecPaths.ReadOnly(spec);
        var writable = new[] { "output" }.Where(p => !readOnly.Contains(p)).ToList();

        // As root, agent code runs as the image's agent user, which owns output/ and may add files next to the server's
        // but not change them (sticky workspace root). Otherwise it runs as the server's own uid, the only one both can use.
        var identity = _isRoot ? new SandboxIdentity(_options.AgentUid, _options.AgentGid) : null;
        var execUser = identity is null
            ? string.Create(CultureInfo.InvariantCulture, $"{LibC.GetEffectiveUserId()}:{LibC.GetEffectiveGroupId()}")
            : string.Create(CultureInfo.InvariantCulture, $"{identity.Uid}:{identity.Gid}");
        WorkspacePreparer.Prepare(workspace, readOnly, writable, identity);

        var (uid, gid) = identity is null ? ((int)LibC.GetEffectiveUserId(), (int)LibC.GetEffectiveGroupId()) : (identity.Uid, identity.Gid);
        var warm = _options.WarmInterpreter
            ? DockerWarmInterpreter.Create(_engine, spec.SessionId, uid, gid, _options, spec.Limits.MemoryBytes, _warmSlots, _logger)
            : null;
        var threads = Math.Max(1, (int)Math.Ceiling(spec.Limits.Cpus)).ToString(CultureInfo.InvariantCulture);
        var initUid = _options.InitUid.ToString(CultureInfo.InvariantCulture);
        var builder = new ContainerBuilder()
            .WithName(ContainerName(spec.SessionId))
            .WithImage(_options.Image)
            .WithUser(_options.InitUid, _options.InitUid)

            // A container hosting a warm template starts as root; its init drops to InitUid at once.
            .WithCommand(warm is null ? ["python3", "-I", "-S", "-c", ContainerScripts.Init] : ["python3", "-I", "-S", "-c", ContainerScripts.Init, initUid, initUid])
            .WithEnvironment("PATH", "/usr/local/bin:/usr/bin:/bin")
            .WithEnvironment("HOME", "/tmp")
            .WithEnvironment("LANG", "C.UTF-8")
            .WithEnvironment("PYTHONUNBUFFERED", "1")
            .WithEnvironment("PYTHONDONTWRITEBYTECODE", "1")
            .WithEnvironment("MPLBACKEND", "Agg")
            .WithEnvironment("OMP_NUM_THREADS", threads)
            .WithEnvironment("OPENBLAS_NUM_THREADS", threads)
            .WithEnvironment("MKL_NUM_THREADS", threads)
            .WithLabel(DockerLabels.Instance, InstanceId)
            .WithLabel(DockerLabels.SessionId, spec.SessionId)
            .WithLabel(DockerLabels.Version, DockerLabels.CurrentVersion)
            .WithWorkspace(workspace)
            .WithLimits(spec.Limits)
            .WithMaxCpus(_info.Cpus)
            .WithTmpfsSizes(_options.TmpSizeBytes, _options.ShmSizeBytes);
        foreach (var path in readOnly)
        {
            builder = builder.WithReadOnlyPath(path);
        }

        if (warm is not null)
        {
            builder = builder.WithWarmTemplate();
        }

        string id;
        ContainerDefinition definition;
        try
        {
            definition = builder.Build();
            id = await StartContainerAsync(definition, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (warm is not null)
            {
                await warm.DisposeAsync().ConfigureAwait(false);
            }

            throw ex is ArgumentException ? new SandboxException(ex.Message, ex) : ex;
        }

        var sandbox = new DockerSandbox(this, _engine, spec with { WorkspacePath = workspace }, definition, id, execUser, _options, warm, _logger) { AgentGroupId = identity?.Gid };
        warm?.Start(id);
        _sandboxes[sandbox] = 0;
        if (Volatile.Read(ref _disposed) != 0)
        {
            await sandbox.DisposeAsync().ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(DockerSandboxProvider));
        }

        return sandbox;
    }

    /// <summary>Removes every container of this instance, disposing the sandboxes first so their runs end as cancelled. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await Task.WhenAll(_sandboxes.Keys.Select(s => s.DisposeAsync().AsTask())).ConfigureAwait(false);

            // Sandboxes nobody tracked any more (a create that failed half-way) still carry the label.
            await RemoveInstanceContainersAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _engine.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Creates and starts a container; a container that fails to start is removed again.</summary>
    internal async Task<string> StartContainerAsync(ContainerDefinition definition, CancellationToken cancellationToken)
    {
        string id;
        try
        {
            id = await _engine.CreateContainerAsync(definition, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new SandboxException($"The Docker engine could not create the session's container: {Describe(ex)}", ex);
        }

        try
        {
            await _engine.StartContainerAsync(id, cancellationToken).ConfigureAwait(false);
            return id;
        }
        catch (Exception ex)
        {
            await _engine.RemoveContainerAsync(id, CancellationToken.None).ConfigureAwait(false);
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new SandboxException($"The Docker engine could not start the session's container: {Describe(ex)}", ex);
        }
    }

    internal void Forget(DockerSandbox sandbox) => _sandboxes.TryRemove(sandbox, out _);

    private async Task<int> RemoveInstanceContainersAsync(CancellationToken cancellationToken)
    {
        var ids = await _engine.ListContainersAsync(DockerLabels.Instance, InstanceId, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(ids.Select(id => _engine.RemoveContainerAsync(id, cancellationToken))).ConfigureAwait(false);
        return ids.Count;
    }

    private string ContainerName(string sessionId)
    {
        var session = SafeName().Replace(sessionId, "_");
        session = session[..Math.Min(session.Length, 48)];
        var unique = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        return $"mledojo-{InstanceId[..Math.Min(8, InstanceId.Length)]}-{session}-{unique}";
    }

    // The engine's messages are JSON wrapped in an exception text; the "message" field is what helps.
    private static string Describe(Exception exception)
    {
        if (exception is TimeoutException)
        {
            return "no answer in time";
        }

        var message = exception.InnerException is { } inner && exception.Message.Contains("see inner", StringComparison.OrdinalIgnoreCase) ? inner.Message : exception.Message;
        var match = EngineMessage().Match(message);
        return match.Success ? Regex.Unescape(match.Groups[1].Value) : message;
    }

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex SafeName();

    [GeneratedRegex("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex EngineMessage();
}
