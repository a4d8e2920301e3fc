using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MleDojo.Sandbox.Warm;

namespace MleDojo.Sandbox.Docker;

/// <summary>
/// The warm template of one Docker session: started in the background whenever the session gets a container, started
/// again in the background when it has died. A run never waits for it: until it is ready, runs go cold.
/// </summary>
internal sealed class DockerWarmInterpreter : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);

    // Room for what the template holds besides its anonymous pages (page tables, socket buffers) when the container's
    // memory limit is raised by its size.
    private const long TemplateOverheadBytes = 8L << 20;

    private readonly IDockerEngine _engine;
    private readonly string _sessionId;
    private readonly string _spec;
    private readonly long _memoryBytes;
    private readonly bool _prefault;
    private readonly WarmTemplateSlots _slots;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private Task<DockerWarmTemplate?> _template = Task.FromResult<DockerWarmTemplate?>(null);
    private bool _released;

    private DockerWarmInterpreter(IDockerEngine engine, string sessionId, string spec, long memoryBytes, bool prefault, WarmTemplateSlots slots, ILogger logger)
    {
        _prefault = prefault;
        _engine = engine;
        _sessionId = sessionId;
        _spec = spec;
        _memoryBytes = memoryBytes;
        _slots = slots;
        _logger = logger;
    }

    /// <summary>
    /// Takes a slot for the session's template; null when the cap is reached (the session runs cold). Runs drop to
    /// <paramref name="uid"/>:<paramref name="gid"/>, the identity a cold run's exec gets; the options give the
    /// modules, the rehearsal and whether spares copy the template's pages.
    /// </summary>
    public static DockerWarmInterpreter? Create(IDockerEngine engine, string sessionId, int uid, int gid, DockerSandboxOptions options, long memoryBytes, WarmTemplateSlots slots, ILogger logger)
    {
        if (!slots.TryTake())
        {
            WarmLog.CapReached(logger, sessionId, slots.Capacity);
            return null;
        }

        var spec = new JsonObject
        {
            ["modules"] = new JsonArray([.. options.WarmModules.Select(m => JsonValue.Create(m))]),
            ["uid"] = uid,
            ["gid"] = gid,
            ["groups"] = new JsonArray(gid),
            ["rehearse"] = options.WarmRehearsal,
            ["prefault"] = options.WarmPrefault,
        };
        return new DockerWarmInterpreter(engine, sessionId, spec.ToJsonString(), memoryBytes, options.WarmPrefault, slots, logger);
    }

    /// <summary>The template's pid in its container once it is ready and while it lives (for tests), else null.</summary>
    public int? TemplatePid => _template is { IsCompletedSuccessfully: true, Result: { IsAlive: true } template } ? template.Pid : null;

    /// <summary>Starts a template in <paramref name="containerId"/> in the background (a new or replaced container).</summary>
    public void Start(string containerId)
    {
        lock (_gate)
        {
            if (!_disposed.IsCancellationRequested)
            {
                _template = StartAsync(containerId, _template);
            }
        }
    }

    /// <summary>
    /// The template to fork the next run from, without waiting: null while it is still importing or restarting (the
    /// run goes cold), with a note for the run when the template had stopped or could not start.
    /// </summary>
    public (DockerWarmTemplate? Template, string? Note) TryAcquire(string containerId)
    {
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested || !_template.IsCompleted)
            {
                return (null, null);
            }

            var template = _template.Result;
            if (template is null)
            {
                return (null, "This run went cold: the session's warm interpreter could not start (see the server log).");
            }

            if (template.ContainerId != containerId)
            {
                // The container was replaced, and the template with it: the replacement's note says so already.
                _template = StartAsync(containerId, _template);
                return (null, null);
            }

            if (template.IsAlive)
            {
                return (template, null);
            }

            _template = StartAsync(containerId, _template);
            return (null, "The session's warm interpreter had stopped; this run went cold while a new one starts.");
        }
    }

    /// <summary>
    /// As <see cref="TryAcquire"/>, but a run waits up to <paramref name="wait"/> for a template that is still starting
    /// (<see cref="DockerSandboxOptions.WarmStartWait"/>: calibration checks the warm path from the first run).
    /// </summary>
    public Task<(DockerWarmTemplate? Template, string? Note)> AcquireAsync(string containerId, TimeSpan wait, CancellationToken cancellationToken) =>
        WarmStartWait.AcquireAsync(() => TryAcquire(containerId), Starting, wait, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Task<DockerWarmTemplate?> last;
        lock (_gate)
        {
            _disposed.Cancel();
            last = _template;
        }

        if (await last.ConfigureAwait(false) is { } template)
        {
            await template.DisposeAsync().ConfigureAwait(false);
        }

        if (!_released)
        {
            _released = true;
            _slots.Return();
        }

        _disposed.Dispose();
    }

    private Task Starting()
    {
        lock (_gate)
        {
            return _template;
        }
    }

    private async Task<DockerWarmTemplate?> StartAsync(string containerId, Task<DockerWarmTemplate?> previous)
    {
        // Off the caller (a run's start under the gate): the engine round trips happen in the background.
        await Task.Yield();
        if (await previous.ConfigureAwait(false) is { } old)
        {
            await old.DisposeAsync().ConfigureAwait(false);
        }

        DockerWarmTemplate? template = null;
        try
        {
            template = await DockerWarmTemplate.StartAsync(_engine, containerId, _spec, _logger, _disposed.Token).ConfigureAwait(false);
            await template.WaitReadyAsync(ReadyTimeout, _disposed.Token).ConfigureAwait(false);

            // The container's limit covers the template too: it grows by the template's own pages, and by the spare's
            // copies of them, so that a run has the memory a cold run would have had (a cold run imports the same
            // modules into pages of its own).
            var templateBytes = template.AnonymousBytes * (_prefault ? 2 : 1) + TemplateOverheadBytes;
            await _engine.UpdateMemoryAsync(containerId, _memoryBytes + templateBytes, _disposed.Token).ConfigureAwait(false);
            WarmLog.Ready(_logger, _sessionId, template.ImportSeconds, template.AnonymousBytes >> 20);
            return template;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            if (!_disposed.IsCancellationRequested)
            {
                WarmLog.StartFailed(_logger, _sessionId, exception);
            }

            if (template is not null)
            {
                await template.DisposeAsync().ConfigureAwait(false);
            }

            return null;
        }
    }
}
