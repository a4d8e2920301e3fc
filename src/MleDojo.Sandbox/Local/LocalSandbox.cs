using Microsoft.Extensions.Logging;
using MleDojo.Core.Execution;
using MleDojo.Sandbox.Common;

namespace MleDojo.Sandbox.Local;

/// <summary>One session's sandbox: starts runs in its workspace and kills them all when disposed.</summary>
internal sealed class LocalSandbox(
    SandboxSpec spec,
    LocalSandboxLayout layout,
    LocalCommandBuilder builder,
    LocalSandboxOptions options,
    ILogger logger) : ISandbox
{
    private readonly SandboxRunSet<LocalSandboxRun> _runs = new(spec.SessionId);

    public string WorkspaceMountPath => layout.MountPath;

    public int? AgentGroupId => layout.Identity?.Gid;

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

    private async Task<LocalSandboxRun> StartRunAsync(SandboxRunRequest request, string script, CancellationToken cancellationToken)
    {
        var startInfo = builder.Build(layout, script, spec.Limits, request.Timeout);
        var capture = OutputCapture.Create(
            layout.HostWorkspace,
            request.LogDirectory,
            request.RunId,
            spec.Limits.MaxOutputBytes,
            options.OutputHeadBytes,
            options.OutputTailBytes,
            options.RecentLineCapacity,
            logger);
        return await LocalSandboxRun.StartAsync(
            startInfo,
            capture,
            request,
            spec.Limits,
            mayLeaveStragglers: builder.Mode == LocalIsolationMode.None,
            options.MemoryPollInterval,
            logger,
            cancellationToken).ConfigureAwait(false);
    }
}
