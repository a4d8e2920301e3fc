using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MleDojo.Core.Execution;
using MleDojo.Core.Platform;

namespace MleDojo.Sandbox.Local;

/// <summary>
/// Finds out, once, which isolation works on this machine by really running the interpreter through each mechanism
/// with the exact arguments runs will use: a kernel without user namespaces, a container without CAP_SYS_ADMIN, an
/// old bubblewrap or an interpreter outside the sandbox's view all show up here rather than in the first agent run.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class IsolationProbe
{
    private const string ProbeOutput = "mledojo-probe-ok";
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);

    public static async Task<LocalIsolationPlan> ProbeAsync(
        LocalSandboxOptions options,
        HostTools tools,
        bool isRoot,
        string interpreter,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var dropPrivileges = isRoot && options.DropPrivileges;
        if (tools.Setsid is null || tools.Prlimit is null || (dropPrivileges && tools.Setpriv is null))
        {
            return new LocalIsolationPlan(
                LocalIsolationMode.None,
                new SandboxIsolation(false, false, "unavailable: util-linux tools missing"),
                "The local sandbox needs setsid, prlimit and (when the server is root) setpriv from util-linux; install util-linux.");
        }

        LocalIsolationMode[] candidates = options.Isolation == LocalIsolationMode.Auto
            ? [LocalIsolationMode.Bubblewrap, LocalIsolationMode.Unshare, LocalIsolationMode.None]
            : [options.Isolation];
        var failures = new List<string>();
        foreach (var mode in candidates)
        {
            string? failure = mode switch
            {
                LocalIsolationMode.Bubblewrap when tools.Bwrap is null => "bwrap not found (install the bubblewrap package)",
                LocalIsolationMode.Unshare when tools.Unshare is null => "unshare not found (install util-linux)",
                _ => await SelfTestAsync(mode, options, tools, isRoot, interpreter, logger, cancellationToken).ConfigureAwait(false),
            };
            if (failure is null)
            {
                return new LocalIsolationPlan(mode, Describe(mode, options, dropPrivileges, failures), null);
            }

            LocalSandboxLog.ProbeModeFailed(logger, Name(mode), failure);
            failures.Add($"{Name(mode)}: {failure}");
        }

        return new LocalIsolationPlan(
            candidates[^1],
            new SandboxIsolation(false, false, "unavailable: " + string.Join("; ", failures)),
            $"The local sandbox cannot run {interpreter}: {string.Join("; ", failures)}.");
    }

    private static SandboxIsolation Describe(LocalIsolationMode mode, LocalSandboxOptions options, bool dropPrivileges, List<string> failures)
    {
        var user = dropPrivileges
            ? "runs as an unprivileged per-session uid without capabilities"
            : KeptUserDescription(mode);
        var limits = "limits: address space, processes, CPU time, output, wall clock, memory watchdog";
        var why = failures.Count == 0 ? "" : $" (stronger modes failed: {string.Join("; ", failures)})";
        return mode switch
        {
            LocalIsolationMode.Bubblewrap => new SandboxIsolation(
                true,
                true,
                $"bubblewrap: private mount, pid, network, ipc and uts namespaces; agent code sees only its workspace at {options.WorkspaceMountPath} (input read-only), the interpreter's files, a minimal /etc and a private /tmp; {user}; {limits}"),
            LocalIsolationMode.Unshare => new SandboxIsolation(
                false,
                true,
                $"unshare: private pid, network, ipc and uts namespaces, but NO FILESYSTEM ISOLATION: agent code can read every host file its uid can read; {user}; {limits}{why}. Install bubblewrap for full isolation."),
            _ => new SandboxIsolation(
                false,
                false,
                $"NONE: agent code runs as a plain process with NO FILESYSTEM AND NO NETWORK ISOLATION; only a scrubbed environment and resource limits; {user}; {limits}{why}. Install bubblewrap for full isolation."),
        };
    }

    private static string KeptUserDescription(LocalIsolationMode mode) => mode == LocalIsolationMode.Bubblewrap
        ? "runs in a user namespace as the server's user"
        : "runs as the server's user";

    private static string Name(LocalIsolationMode mode) => mode.ToString().ToLowerInvariant();

    /// <summary>Runs a two-line script through the full command chain of <paramref name="mode"/>; returns null when it worked.</summary>
    private static async Task<string?> SelfTestAsync(
        LocalIsolationMode mode,
        LocalSandboxOptions options,
        HostTools tools,
        bool isRoot,
        string interpreter,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("mledojo-probe-");
        try
        {
            // The probe directory must be traversable by the sandbox uid in the modes that use host paths.
            File.SetUnixFileMode(root.FullName, (UnixFileMode)Convert.ToInt32("755", 8));
            var workspace = Directory.CreateDirectory(Path.Combine(root.FullName, "workspace")).FullName;
            await File.WriteAllTextAsync(Path.Combine(workspace, "probe.py"), $"import sys\nprint('{ProbeOutput}')\n", cancellationToken).ConfigureAwait(false);
            var identity = isRoot && options.DropPrivileges ? new SandboxIdentity(options.SandboxUidBase, options.SandboxUidBase) : null;
            WorkspacePreparer.Prepare(workspace, [], [], identity);
            string? etc = null;
            if (mode == LocalIsolationMode.Bubblewrap)
            {
                etc = Path.Combine(root.FullName, "etc");
                await EtcFiles.WriteAsync(etc, identity, cancellationToken).ConfigureAwait(false);
            }

            var layout = new LocalSandboxLayout(workspace, mode == LocalIsolationMode.Bubblewrap ? options.WorkspaceMountPath : workspace, [], identity, etc);
            var builder = new LocalCommandBuilder(options, tools, mode, isRoot, interpreter, logger);
            var limits = new SandboxLimits(MemoryBytes: 2L << 30, Cpus: 1, MaxProcesses: 64, MaxOutputBytes: 1 << 20);
            var startInfo = builder.Build(layout, "probe.py", limits, ProbeTimeout);
            return await RunAsync(startInfo, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or SandboxException or WorkspacePathException or System.ComponentModel.Win32Exception)
        {
            return exception.Message;
        }
        finally
        {
            try
            {
                root.Delete(recursive: true);
            }
            catch (IOException exception)
            {
                // A leftover probe directory in the temp folder is harmless.
                LocalSandboxLog.ProbeCleanupFailed(logger, root.FullName, exception);
            }
        }
    }

    private static async Task<string?> RunAsync(ProcessStartInfo startInfo, CancellationToken cancellationToken)
    {
        using var process = await ProcessLauncher.StartAsync(startInfo, cancellationToken).ConfigureAwait(false);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            return $"no answer within {ProbeTimeout.TotalSeconds} s";
        }

        var output = await stdout.ConfigureAwait(false);
        var errors = (await stderr.ConfigureAwait(false)).Trim();
        if (process.ExitCode == 0 && output.Contains(ProbeOutput, StringComparison.Ordinal))
        {
            return null;
        }

        if (errors.Length > 600)
        {
            errors = errors[..600] + "...";
        }

        return $"exit code {process.ExitCode}: {(errors.Length == 0 ? "no error output" : errors)}";
    }
}
