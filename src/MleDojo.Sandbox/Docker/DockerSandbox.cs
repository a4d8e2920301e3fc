using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MleDojo.Core.Execution;
using MleDojo.Sandbox.Common;

namespace MleDojo.Sandbox.Docker;

/// <summary>
/// One session's container, kept warm across steps: each run is an exec in it. A container that died (out of
/// memory in its init, killed from outside) is replaced before the next run, whose result says so.
/// </summary>
internal sealed class DockerSandbox : ISandbox
{
    private readonly DockerSandboxProvider _provider;
    private readonly IDockerEngine _engine;
    private readonly SandboxSpec _spec;
    private readonly ContainerDefinition _definition;
    private readonly string _execUser;
    private readonly long _addressSpaceLimit;
    private readonly DockerSandboxOptions _options;
    private readonly DockerWarmInterpreter? _warm;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _containerGate = new(1, 1);
    private readonly SandboxRunSet<DockerSandboxRun> _runs;
    private string _containerId;
    private int _replacements;

    public DockerSandbox(
        DockerSandboxProvider provider,
        IDockerEngine engine,
        SandboxSpec spec,
        ContainerDefinition definition,
        string containerId,
        string execUser,
        DockerSandboxOptions options,
        DockerWarmInterpreter? warm,
        ILogger logger)
    {
        _provider = provider;
        _engine = engine;
        _spec = spec;
        _definition = definition;
        _containerId = containerId;
        _execUser = execUser;
        _options = options;
        _warm = warm;
        _logger = logger;
        _addressSpaceLimit = options.AddressSpaceLimitBytes ?? spec.Limits.MemoryBytes;
        _runs = new SandboxRunSet<DockerSandboxRun>(spec.SessionId);
    }

    public string WorkspaceMountPath => DockerSandboxOptions.WorkspaceMountPath;

    /// <summary>The image's agent group when the server is root (agent code runs as the agent user); null otherwise.</summary>
    public int? AgentGroupId { get; init; }

    /// <summary>The id of the container serving the session now (it changes when a dead one is replaced).</summary>
    public string ContainerId
    {
        get
        {
            lock (_runs.Gate)
            {
                return _containerId;
            }
        }
    }

    /// <summary>The warm template's pid in the container while it is ready and alive, else null.</summary>
    public int? WarmTemplatePid => _warm?.TemplatePid;

    /// <summary>The uid:gid agent code runs as.</summary>
    public string ExecUser => _execUser;

    public string SessionId => _spec.SessionId;

    /// <summary>The backend's logger, shared by the session's runs.</summary>
    public ILogger Logger => _logger;

    public async Task<ISandboxRun> StartAsync(SandboxRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var script = SandboxRunRequests.Validate(request, _spec.WorkspacePath);
        return await _runs.StartAsync(request.RunId, () => StartRunAsync(request, script, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Removes the container, ending every run in it. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        List<DockerSandboxRun>? running;
        string containerId;
        lock (_runs.Gate)
        {
            // The container id is read as the set closes, so a replacement container started meanwhile is not missed.
            running = _runs.Close();
            containerId = _containerId;
        }

        if (running is null)
        {
            return;
        }

        // Removing the container kills everything in it at once, faster than killing each run's tree first.
        foreach (var run in running)
        {
            run.MarkStopped(RunStopReason.Cancelled);
        }

        var removed = true;
        try
        {
            await _engine.RemoveContainerAsync(containerId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Ending a session must not fail because the engine is unwell: the container keeps its instance label,
            // so the provider's shutdown, or the next start-up, removes it.
            DockerLog.ContainerRemoveFailed(_logger, containerId, SessionId, exception);
            removed = false;
        }

        _provider.Forget(this);
        if (_warm is not null)
        {
            await _warm.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var run in running)
        {
            // With the container gone the runs end at once; otherwise they are not waited for past the kill timeout.
            var completion = removed ? run.Completion : run.Completion.WaitAsync(_options.KillTimeout);
            try
            {
                await completion.ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                DockerLog.RunOutlivedSession(_logger, run.RunId, SessionId, _options.KillTimeout);
            }
        }
    }

    /// <summary>
    /// Kills one run's whole process tree inside the container with the killer script, repeating until the run has
    /// ended (a kill right after the start may find no supervisor yet). If that does not work within
    /// <see cref="DockerSandboxOptions.KillTimeout"/> (the engine cannot start the killer), the container is killed,
    /// which ends every run of the session, and it is replaced before the next run.
    /// </summary>
    public async Task KillRunAsync(DockerSandboxRun run)
    {
        var deadline = Stopwatch.StartNew();
        var wait = TimeSpan.FromMilliseconds(500);
        while (!run.Exited.IsCompleted && deadline.Elapsed < _options.KillTimeout)
        {
            try
            {
                await RunKillerAsync(run.Marker, run.WarmSupervisorPid, _options.KillTimeout - deadline.Elapsed).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The engine could not start the killer; try again until the deadline, then kill the container.
                DockerLog.KillerFailed(_logger, run.RunId, ContainerId, exception);
            }

            await Task.WhenAny(run.Exited, Task.Delay(wait)).ConfigureAwait(false);
            wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, 4000));
        }

        if (!run.Exited.IsCompleted)
        {
            DockerLog.KillingContainer(_logger, run.RunId, _options.KillTimeout, ContainerId, SessionId);
            await _engine.KillContainerAsync(ContainerId, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Kills processes that outlived their supervisor (re-parented to the container's init).</summary>
    public async Task SweepAsync()
    {
        try
        {
            await RunKillerAsync(marker: "", warmSupervisor: null, _options.KillTimeout).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The next run starts in a container that may hold stragglers; the pids and memory limits still hold.
            DockerLog.SweepFailed(_logger, ContainerId, SessionId, exception);
        }
    }

    /// <summary>Null when the container is still running, else a note saying it stopped and what the next run will get.</summary>
    public async Task<string?> DescribeContainerLossAsync()
    {
        try
        {
            // The engine marks the container stopped a moment after its processes died (and their execs ended), so a
            // running container is asked again a few times before it is believed.
            for (var attempt = 0; ; attempt++)
            {
                var status = await _engine.InspectContainerAsync(ContainerId, CancellationToken.None).ConfigureAwait(false);
                if (status is not { Running: true })
                {
                    return "The session's container stopped during the run" + Cause(status) + "; a new one is started for the next run.";
                }

                if (attempt == 5)
                {
                    return null;
                }

                await Task.Delay(100).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Without an answer the run's own result stands; the next run's start finds a dead container anyway.
            DockerLog.InspectFailed(_logger, ContainerId, SessionId, exception);
            return null;
        }
    }

    private async Task RunKillerAsync(string marker, int? warmSupervisor, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout > TimeSpan.Zero ? timeout : TimeSpan.FromSeconds(1));
        List<string> command = ["python3", "-I", "-S", "-c", ContainerScripts.Killer, marker];
        if (warmSupervisor is { } pid)
        {
            command.Add(pid.ToString(CultureInfo.InvariantCulture));
        }

        await using var exec = await _engine.StartExecAsync(ContainerId, new DockerExecDefinition(command, _execUser, "/"), deadline.Token).ConfigureAwait(false);
        var buffer = new byte[4096];
        while ((await exec.ReadAsync(buffer, deadline.Token).ConfigureAwait(false)).Count > 0)
        {
        }
    }

    /// <summary>The running container, replaced first when the previous one died; the note tells the run about a replacement.</summary>
    private async Task<(string Id, string? Note)> EnsureContainerAsync(CancellationToken cancellationToken)
    {
        await _containerGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = ContainerId;
            var status = await _engine.InspectContainerAsync(current, cancellationToken).ConfigureAwait(false);
            if (status is { Running: true })
            {
                return (current, null);
            }

            await _engine.RemoveContainerAsync(current, cancellationToken).ConfigureAwait(false);
            var replacement = await _provider.StartContainerAsync(_definition with { Name = $"{_definition.Name}-r{++_replacements}" }, cancellationToken).ConfigureAwait(false);
            bool disposed;
            lock (_runs.Gate)
            {
                disposed = _runs.IsClosed;
                if (!disposed)
                {
                    _containerId = replacement;
                }
            }

            if (disposed)
            {
                await _engine.RemoveContainerAsync(replacement, CancellationToken.None).ConfigureAwait(false);
                _runs.ThrowIfClosed();
            }

            _warm?.Start(replacement);

            return (replacement, "The session's container had stopped" + Cause(status)
                + "; a new container was started for this run. Workspace files are kept; processes, /tmp and anything installed outside the workspace are gone.");
        }
        finally
        {
            _containerGate.Release();
        }
    }

    private static string Cause(DockerContainerStatus? status) => status switch
    {
        null => " (it was removed)",
        { OutOfMemory: true } => " (out of memory)",
        { Error: { } error } => $" ({error})",
        _ => string.Create(CultureInfo.InvariantCulture, $" (exit code {status.ExitCode})"),
    };

    private async Task<DockerSandboxRun> StartRunAsync(SandboxRunRequest request, string script, CancellationToken cancellationToken)
    {
        var (containerId, note) = await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var (template, warmNote) = _warm is null ? (null, null) : await _warm.AcquireAsync(containerId, _options.WarmStartWait, cancellationToken).ConfigureAwait(false);
        note = note is null ? warmNote : warmNote is null ? note : note + " " + warmNote;
        var clock = Stopwatch.StartNew();
        var capture = OutputCapture.Create(
            _spec.WorkspacePath,
            request.LogDirectory,
            request.RunId,
            _spec.Limits.MaxOutputBytes,
            _options.OutputHeadBytes,
            _options.OutputTailBytes,
            _options.RecentLineCapacity,
            _logger);
        var marker = ContainerScripts.RunMarkerPrefix + request.RunId;
        var path = $"{DockerSandboxOptions.WorkspaceMountPath}/{script}";
        IDockerExec exec;
        try
        {
            // A warm run is one line to the template's exec, which relays its output: no docker exec of its own.
            exec = template is not null
                ? await template.StartRunAsync(marker, WarmRequest(marker, path, template), cancellationToken).ConfigureAwait(false)
                : await _engine.StartExecAsync(
                    containerId,
                    new DockerExecDefinition(
                        ["python3", "-I", "-S", "-c", ContainerScripts.Supervisor, marker, path, _addressSpaceLimit.ToString(CultureInfo.InvariantCulture)],
                        _execUser,
                        DockerSandboxOptions.WorkspaceMountPath),
                    cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await capture.DisposeAsync().ConfigureAwait(false);
            if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new SandboxException($"Could not start run {request.RunId} in the session's container: {exception.Message}", exception);
        }

        return new DockerSandboxRun(this, exec, capture, request, _spec.Limits, note, clock, template);
    }

    /// <summary>What the template's spare needs to run the script as the cold supervisor would.</summary>
    private string WarmRequest(string marker, string path, DockerWarmTemplate template) => new JsonObject
    {
        ["n"] = marker,
        ["script"] = path,
        ["cwd"] = DockerSandboxOptions.WorkspaceMountPath,

        // The run inherits the template's mappings without owning them: the address-space cap comes on top.
        ["limits"] = new JsonObject { ["as"] = _addressSpaceLimit > 0 ? _addressSpaceLimit + template.VirtualBytes : 0 },
    }.ToJsonString();
}
