using Microsoft.Extensions.Logging;
using MleDojo.Core.Execution;
using MleDojo.Sandbox.Warm;

namespace MleDojo.Sandbox.Local;

/// <summary>
/// The warm template of one local session: started when the sandbox is created (so it is warm by the first step),
/// started again when it has died, and given up for the session (runs go cold) when it cannot start.
/// </summary>
internal sealed class LocalWarmInterpreter : IAsyncDisposable
{
    /// <summary>
    /// Where the session's private directory (template script, output sockets) appears inside the template's sandbox:
    /// under its /tmp, which every run's init replaces with a fresh one, so no run sees it.
    /// </summary>
    public const string InsidePath = "/tmp/.mledojo-warm";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);

    private readonly string _sessionId;
    private readonly LocalSandboxLayout _layout;
    private readonly LocalCommandBuilder _builder;
    private readonly SandboxLimits _limits;
    private readonly WarmTemplateSlots _slots;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private Task<WarmTemplate?> _template;
    private bool _released;
    private bool _restarted;

    private LocalWarmInterpreter(string sessionId, string directory, LocalSandboxLayout layout, LocalCommandBuilder builder, SandboxLimits limits, WarmTemplateSlots slots, ILogger logger)
    {
        _sessionId = sessionId;
        HostDirectory = directory;
        _layout = layout;
        _builder = builder;
        _limits = limits;
        _slots = slots;
        _logger = logger;
        _template = StartAsync();
    }

    /// <summary>The session's private host directory, bound at <see cref="InsidePath"/> for the template only.</summary>
    public string HostDirectory { get; }

    /// <summary>The host pid of the template's outermost process once it is ready and while it lives, else null.</summary>
    public int? RunningRootPid => _template is { IsCompletedSuccessfully: true, Result: { IsAlive: true } template } ? template.RootPid : null;

    /// <summary>Takes a slot and starts the template in the background; null when the cap is reached.</summary>
    public static async Task<LocalWarmInterpreter?> CreateAsync(string sessionId, LocalSandboxLayout layout, LocalCommandBuilder builder, SandboxLimits limits, WarmTemplateSlots slots, ILogger logger, CancellationToken cancellationToken)
    {
        if (!slots.TryTake())
        {
            WarmLog.CapReached(logger, sessionId, slots.Capacity);
            return null;
        }

        try
        {
            // Private to the server: the template reads its script here and runs connect their output sockets here.
            var directory = Directory.CreateTempSubdirectory("mledojo-warm-").FullName;
            await WarmTemplateScript.WriteAsync(directory, cancellationToken).ConfigureAwait(false);
            return new LocalWarmInterpreter(sessionId, directory, layout, builder, limits, slots, logger);
        }
        catch
        {
            slots.Return();
            throw;
        }
    }

    /// <summary>
    /// The template to fork the next run from, or null with a note saying why the run goes cold. A run never waits
    /// longer than <paramref name="startWait"/> for a template that is importing: past it the run goes cold, so it
    /// costs no more than a cold run. A template that has died is started again in the background for later runs.
    /// </summary>
    public async Task<(WarmTemplate? Template, string? Note)> AcquireAsync(TimeSpan startWait, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var restarted = _restarted;
            if (!await IsReadyWithinAsync(_template, startWait, cancellationToken).ConfigureAwait(false))
            {
                return (null, restarted
                    ? "This run went cold: the session's warm interpreter had stopped and a new one is still starting."
                    : "This run went cold: the session's warm interpreter is still importing.");
            }

            var template = await _template.ConfigureAwait(false);
            if (template is null)
            {
                return (null, "This run went cold: the session's warm interpreter could not start (see the server log).");
            }

            if (template.IsAlive)
            {
                // After a restart in the background, the cold run that triggered it carried the note.
                _restarted = false;
                return (template, null);
            }

            await template.DisposeAsync().ConfigureAwait(false);
            _template = StartAsync();
            _restarted = true;
            if (await IsReadyWithinAsync(_template, startWait, cancellationToken).ConfigureAwait(false)
                && await _template.ConfigureAwait(false) is { } fresh)
            {
                _restarted = false;
                return (fresh, "The session's warm interpreter had stopped; a new one was started for this run, which paid its imports.");
            }

            return (null, "This run went cold: the session's warm interpreter had stopped; a new one is starting for the next runs.");
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        if (await _template.ConfigureAwait(false) is { } template)
        {
            await template.DisposeAsync().ConfigureAwait(false);
        }

        if (!_released)
        {
            _released = true;
            _slots.Return();
        }

        try
        {
            Directory.Delete(HostDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover directory with a script in it is harmless.
        }

        _gate.Dispose();
        _disposed.Dispose();
    }

    private static async Task<bool> IsReadyWithinAsync(Task<WarmTemplate?> template, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (!template.IsCompleted && wait > TimeSpan.Zero)
        {
            try
            {
                await template.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Still importing: this run goes cold.
            }
        }

        return template.IsCompleted;
    }

    private async Task<WarmTemplate?> StartAsync()
    {
        try
        {
            var startInfo = _builder.BuildTemplate(_layout, HostDirectory, _limits);
            var template = await WarmTemplate.StartAsync(startInfo, ReadyTimeout, _logger, _disposed.Token).ConfigureAwait(false);
            WarmLog.Ready(_logger, _sessionId, template.ImportSeconds, template.AnonymousBytes >> 20);
            return template;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !_disposed.IsCancellationRequested)
        {
            WarmLog.StartFailed(_logger, _sessionId, exception);
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
