using System.Text.Json;
using Microsoft.Extensions.Logging;
using MleDojo.Core.Execution;
using MleDojo.Core.Platform;
using MleDojo.Sandbox.Local;

namespace MleDojo.Sandbox.Isolated;

/// <summary>
/// Runs an imported competition's own Python in a throw-away local sandbox (bubblewrap: no network, only the job's
/// workspace visible, an unprivileged uid when the server is root), through the same launcher as agent code. It
/// is never an agent's sandbox: each job gets its own workspace and namespace.
/// </summary>
/// <remarks>
/// The workspace holds <c>shim/</c> (runner and shim packages, read-only), <c>comp/</c> (the competition's Python
/// files, read-only), <c>job.json</c>, and the writable <c>raw/</c>, <c>public/</c>, <c>private/</c> and <c>out/</c>.
/// </remarks>
public sealed class IsolatedPython
{
    /// <summary>Workspace-relative directories the job may write.</summary>
    public static readonly IReadOnlyList<string> WritableDirectories = ["raw", "public", "private", "out"];

    private static readonly JsonSerializerOptions JobJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly LocalSandboxProvider _provider;
    private readonly IsolatedPythonOptions _options;

    private IsolatedPython(LocalSandboxProvider provider, IsolatedPythonOptions options)
    {
        _provider = provider;
        _options = options;
    }

    /// <summary>What the probe found: shown to the user when isolation is weaker than bubblewrap.</summary>
    public SandboxIsolation Isolation => _provider.Isolation;

    /// <summary>Probes this machine once; reuse the instance for every job.</summary>
    public static Task<IsolatedPython> CreateAsync(IsolatedPythonOptions? options = null, CancellationToken cancellationToken = default) =>
        CreateAsync(options, loggerFactory: null, cancellationToken);

    /// <inheritdoc cref="CreateAsync(IsolatedPythonOptions?, CancellationToken)"/>
    /// <param name="options">The interpreter and limits; null for the defaults.</param>
    /// <param name="loggerFactory">
    /// Loggers for the local sandbox the jobs run in (the probe's findings, the failures it survives); null logs nothing.
    /// </param>
    /// <param name="cancellationToken">Cancels the probe.</param>
    public static async Task<IsolatedPython> CreateAsync(IsolatedPythonOptions? options, ILoggerFactory? loggerFactory, CancellationToken cancellationToken = default)
    {
        options ??= new IsolatedPythonOptions();
        var provider = await LocalSandboxProvider.ProbeAsync(
            new LocalSandboxOptions
            {
                PythonPath = options.PythonPath,
                AllowUnisolated = options.AllowUnisolated,
                WritablePaths = [.. WritableDirectories],
            },
            loggerFactory?.CreateLogger<LocalSandboxProvider>(),
            cancellationToken).ConfigureAwait(false);
        return new IsolatedPython(provider, options);
    }

    /// <summary>
    /// Runs the runner with <paramref name="job"/> in <paramref name="workspace"/> (which must exist and hold <c>comp/</c>),
    /// hands <c>raw/</c> to the sandbox uid first and takes the writable directories back afterwards.
    /// </summary>
    /// <exception cref="SandboxException">No sandbox could be created (isolation missing, interpreter broken).</exception>
    public async Task<SandboxRunResult> RunAsync(string workspace, object job, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await ShimFiles.WriteAsync(workspace, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.Combine(workspace, "comp"));
        await File.WriteAllTextAsync(Path.Combine(workspace, "job.json"), JsonSerializer.Serialize(job, JobJson), cancellationToken).ConfigureAwait(false);
        var limits = new SandboxLimits(_options.MemoryBytes, _options.Cpus, MaxProcesses: 256, MaxOutputBytes: 64L << 20);
        var spec = new SandboxSpec($"isolated-{Guid.NewGuid():N}", workspace, ["shim", "comp"], limits);
        await using var sandbox = await _provider.CreateAsync(spec, cancellationToken).ConfigureAwait(false);
        var identity = (sandbox as LocalSandbox)?.Identity;
        if (identity is not null)
        {
            TreeOwner.Change(Path.Combine(workspace, "raw"), identity.Uid, identity.Gid);
        }

        try
        {
            var run = await sandbox.StartAsync(new SandboxRunRequest("job", ShimFiles.RunnerPath, timeout, "logs"), cancellationToken).ConfigureAwait(false);
            await using (run.ConfigureAwait(false))
            {
                try
                {
                    return await run.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    await run.KillAsync(CancellationToken.None).ConfigureAwait(false);
                    throw;
                }
            }
        }
        finally
        {
            if (identity is not null)
            {
                foreach (var directory in WritableDirectories)
                {
                    TreeOwner.Change(Path.Combine(workspace, directory), (int)LibC.GetEffectiveUserId(), (int)LibC.GetEffectiveGroupId());
                }
            }
        }
    }
}
