using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MleDojo.Core.Execution;
using MleDojo.Sandbox.Common;
using MleDojo.Sandbox.Warm;

namespace MleDojo.Sandbox.Local;

/// <summary>
/// One session's sandbox: starts runs in its workspace (forked from its warm template when it has one, else as fresh
/// interpreters) and kills them all when disposed.
/// </summary>
internal sealed class LocalSandbox(
    SandboxSpec spec,
    LocalSandboxLayout layout,
    LocalCommandBuilder builder,
    LocalSandboxOptions options,
    LocalWarmInterpreter? warm,
    ILogger logger) : ISandbox
{
    private readonly SandboxRunSet<ISandboxRun> _runs = new(spec.SessionId);

    public string WorkspaceMountPath => layout.MountPath;

    public int? AgentGroupId => layout.Identity?.Gid;

    /// <summary>The host pid of the warm template's outermost process (setsid, then bubblewrap), or null when there is none running.</summary>
    public int? WarmTemplateRootPid => warm?.RunningRootPid;

    /// <summary>The uid agent code runs as, or null when it keeps the server's.</summary>
    public SandboxIdentity? Identity => layout.Identity;

    public async Task<ISandboxRun> StartAsync(SandboxRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var script = SandboxRunRequests.Validate(request, layout.HostWorkspace);
        return await _runs.StartAsync(request.RunId, () => StartRunAsync(request, script, cancellationToken)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_runs.Close() is not { } running)
        {
            return;
        }

        foreach (var run in running)
        {
            await run.DisposeAsync().ConfigureAwait(false);
        }

        if (warm is not null)
        {
            await warm.DisposeAsync().ConfigureAwait(false);
        }

        if (layout.EtcDirectory is not null)
        {
            try
            {
                Directory.Delete(layout.EtcDirectory, recursive: true);
            }
            catch (IOException exception)
            {
                // Leftover generated passwd/hosts files are harmless.
                LocalSandboxLog.EtcCleanupFailed(logger, layout.EtcDirectory, spec.SessionId, exception);
            }
        }
    }

    private async Task<ISandboxRun> StartRunAsync(SandboxRunRequest request, string script, CancellationToken cancellationToken)
    {
        string? note = null;
        for (var attempt = 1; warm is not null; attempt++)
        {
            (var template, note) = await warm.AcquireAsync(options.WarmStartWait, cancellationToken).ConfigureAwait(false);
            if (template is null)
            {
                break;
            }

            try
            {
                return await StartWarmRunAsync(template, request, script, note, cancellationToken).ConfigureAwait(false);
            }
            catch (SandboxException) when (attempt == 1 && !template.IsAlive)
            {
                // The template died after it was handed out (killed between two runs): acquiring again starts a new
                // one, and the run goes warm on it or cold, never fails for it.
            }
            catch (SandboxException exception) when (template.IsAlive)
            {
                // The template is there but could not start this run (the server log has its traceback).
                LocalSandboxLog.WarmRunFailed(logger, request.RunId, exception);
                note = "This run went cold: the session's warm interpreter could not start it.";
                break;
            }
        }

        var startInfo = builder.Build(layout, script, spec.Limits, request.Timeout);
        var capture = CreateCapture(request);
        return await LocalSandboxRun.StartAsync(
            startInfo,
            capture,
            request,
            spec.Limits,
            mayLeaveStragglers: builder.Mode == LocalIsolationMode.None,
            options.MemoryPollInterval,
            note,
            logger,
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<ISandboxRun> StartWarmRunAsync(WarmTemplate template, SandboxRunRequest request, string script, string? note, CancellationToken cancellationToken)
    {
        var n = template.NextRunNumber();
        var clock = Stopwatch.StartNew();
        var capture = CreateCapture(request);
        WarmRunSockets? sockets = null;
        try
        {
            sockets = WarmRunSockets.Listen(warm!.HostDirectory, n);
            var message = builder.WarmRequest(layout, script, spec.Limits, request.Timeout, n, template.VirtualBytes);
            var spawn = await template.SpawnAsync(message, cancellationToken).ConfigureAwait(false);
            return new LocalWarmRun(
                template, spawn, sockets, capture, request, spec.Limits, options.MemoryPollInterval,
                LocalSandboxRun.ExitNote(spec.Limits), note, clock, logger);
        }
        catch (Exception exception)
        {
            sockets?.Dispose();
            await capture.DisposeAsync().ConfigureAwait(false);

            if (exception is OperationCanceledException)
            {
                throw;
            }

            throw new SandboxException($"Could not start run {request.RunId}: {exception.Message}", exception);
        }
    }

    private OutputCapture CreateCapture(SandboxRunRequest request) =>
        OutputCapture.Create(
            layout.HostWorkspace,
            request.LogDirectory,
            request.RunId,
            spec.Limits.MaxOutputBytes,
            options.OutputHeadBytes,
            options.OutputTailBytes,
            options.RecentLineCapacity,
            logger);
}
