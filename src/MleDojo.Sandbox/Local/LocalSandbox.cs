using System.Text.RegularExpressions;
using MleDojo.Core.Execution;
using MleDojo.Sandbox.Common;

namespace MleDojo.Sandbox.Local;

/// <summary>One session's sandbox: starts runs in its workspace and kills them all when disposed.</summary>
internal sealed partial class LocalSandbox(
    SandboxSpec spec,
    LocalSandboxLayout layout,
    LocalCommandBuilder builder,
    LocalSandboxOptions options) : ISandbox
{
    private readonly object _gate = new();
    private readonly Dictionary<string, LocalSandboxRun?> _runs = new(StringComparer.Ordinal);
    private bool _disposed;

    public string WorkspaceMountPath => layout.MountPath;

    /// <summary>The uid agent code runs as, or null when it keeps the server's.</summary>
    public SandboxIdentity? Identity => layout.Identity;

    public async Task<ISandboxRun> StartAsync(SandboxRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        if (!RunIdPattern().IsMatch(request.RunId))
        {
            throw new SandboxException($"Run id '{request.RunId}' must be 1-128 letters, digits, '.', '_' or '-' (it names the log files).");
        }

        if (request.Timeout <= TimeSpan.Zero)
        {
            throw new SandboxException($"Run {request.RunId}: the timeout must be positive.");
        }

        var script = string.Join('/', WorkspaceFiles.SplitRelative(request.ScriptPath, "Script path"));
        if (!File.Exists(Path.Combine(layout.HostWorkspace, script)))
        {
            throw new SandboxException($"Run {request.RunId}: script '{request.ScriptPath}' does not exist in the workspace.");
        }

        lock (_gate)
        {
            if (_disposed)
            {
                throw new SandboxException($"The sandbox of session {spec.SessionId} has been disposed.");
            }

            if (!_runs.TryAdd(request.RunId, null))
            {
                throw new SandboxException($"Run {request.RunId} is already going in session {spec.SessionId}.");
            }
        }

        LocalSandboxRun run;
        try
        {
            var startInfo = builder.Build(layout, script, spec.Limits, request.Timeout);
            var capture = OutputCapture.Create(
                layout.HostWorkspace,
                request.LogDirectory,
                request.RunId,
                spec.Limits.MaxOutputBytes,
                options.OutputHeadBytes,
                options.OutputTailBytes,
                options.RecentLineCapacity);
            run = await LocalSandboxRun.StartAsync(
                startInfo,
                capture,
                request,
                spec.Limits,
                mayLeaveStragglers: builder.Mode == LocalIsolationMode.None,
                options.MemoryPollInterval,
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_gate)
            {
                _runs.Remove(request.RunId);
            }

            throw;
        }

        bool disposedMeanwhile;
        lock (_gate)
        {
            _runs[request.RunId] = run;
            disposedMeanwhile = _disposed;
        }

        _ = run.Completion.ContinueWith(
            _ =>
            {
                lock (_gate)
                {
                    _runs.Remove(request.RunId);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        if (disposedMeanwhile)
        {
            await run.DisposeAsync().ConfigureAwait(false);
            throw new SandboxException($"The sandbox of session {spec.SessionId} was disposed while run {request.RunId} started.");
        }

        return run;
    }

    public async ValueTask DisposeAsync()
    {
        List<LocalSandboxRun> running;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            running = _runs.Values.OfType<LocalSandboxRun>().ToList();
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
            catch (IOException)
            {
                // Leftover generated passwd/hosts files are harmless.
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex RunIdPattern();
}
