using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MleDojo.Core.Execution;
using MleDojo.Sandbox.Common;
using MleDojo.Sandbox.Warm;

namespace MleDojo.Sandbox.Local;

/// <summary>
/// Builds the command line of one run: <c>setsid</c> (own session and process group, so the run can be killed as a
/// group), the isolation wrapper (bwrap or unshare), <c>prlimit</c> (rlimits), <c>choom</c> (agent code dies first
/// under host memory pressure), <c>setpriv</c> (unprivileged uid, no capabilities, no new privileges), the interpreter.
/// </summary>
internal sealed class LocalCommandBuilder(
    LocalSandboxOptions options,
    HostTools tools,
    LocalIsolationMode mode,
    bool isRoot,
    string interpreter,
    ILogger logger)
{
    /// <summary>The generated files bound over /etc under bubblewrap; nothing else from the host's /etc but <see cref="HostEtcEntries"/>.</summary>
    public static readonly string[] GeneratedEtcFiles = ["passwd", "group", "hosts", "nsswitch.conf"];

    // Read-only host /etc entries the interpreter and common libraries need. None hold secrets: the dynamic linker
    // cache, Debian's alternatives (BLAS/LAPACK are chosen through them), time zone, Python and matplotlib defaults,
    // and fontconfig's configuration (without it importing matplotlib prints a Fontconfig error to stderr).
    private static readonly string[] HostEtcEntries =
    [
        "alternatives", "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "timezone", "matplotlibrc", "fonts",
        "mime.types", "os-release", "debian_version", "protocols", "services",
    ];

    private static readonly string[] RootLinks = ["bin", "sbin", "lib", "lib32", "lib64", "libx32"];

    public LocalIsolationMode Mode => mode;

    /// <summary>The scrubbed environment: nothing from the server's environment reaches agent code.</summary>
    public Dictionary<string, string> Environment(SandboxLimits limits)
    {
        var threads = Math.Max(1, (int)Math.Ceiling(limits.Cpus)).ToString(CultureInfo.InvariantCulture);
        var path = "/usr/local/bin:/usr/bin:/bin";
        var interpreterBin = Path.GetDirectoryName(interpreter);
        if (interpreterBin is not null && !path.Split(':').Contains(interpreterBin))
        {
            path = interpreterBin + ":" + path;
        }

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = path,
            ["HOME"] = "/tmp",
            ["LANG"] = "C.UTF-8",
            ["PYTHONUNBUFFERED"] = "1",
            ["PYTHONDONTWRITEBYTECODE"] = "1",
            ["MPLBACKEND"] = "Agg",
            ["OMP_NUM_THREADS"] = threads,
            ["OPENBLAS_NUM_THREADS"] = threads,
            ["MKL_NUM_THREADS"] = threads,
        };
    }

    /// <summary>The process to start for a run of <paramref name="scriptRelative"/> (a validated workspace-relative path).</summary>
    public ProcessStartInfo Build(LocalSandboxLayout layout, string scriptRelative, SandboxLimits limits, TimeSpan timeout)
    {
        var inner = new List<string>();
        inner.AddRange(PrlimitArguments(limits, timeout));
        if (tools.Choom is not null)
        {
            inner.AddRange([tools.Choom, "-n", "1000", "--"]);
        }

        if (layout.Identity is { } identity)
        {
            inner.AddRange(
            [
                tools.Setpriv ?? throw new SandboxException("setpriv is required to drop privileges (install util-linux)."),
                $"--reuid={identity.Uid}", $"--regid={identity.Gid}", "--clear-groups", "--no-new-privs",
                "--inh-caps=-all", "--bounding-set=-all", "--",
            ]);
            inner.AddRange(ClosedUserNamespace(identity));
        }

        var scriptInside = mode == LocalIsolationMode.Bubblewrap
            ? layout.MountPath.TrimEnd('/') + "/" + scriptRelative
            : Path.Combine(layout.HostWorkspace, scriptRelative);
        inner.AddRange([interpreter, scriptInside]);

        var arguments = new List<string>();
        switch (mode)
        {
            case LocalIsolationMode.Bubblewrap:
                arguments.Add(tools.Bwrap!);
                arguments.AddRange(BubblewrapArguments(layout));
                arguments.Add("--");
                break;
            case LocalIsolationMode.Unshare:
                // --kill-child: the namespace's init gets SIGKILL when unshare dies, which takes the whole pid namespace down.
                arguments.AddRange(
                [
                    tools.Unshare!, "--pid", "--fork", "--kill-child", "--mount", "--mount-proc", "--net", "--ipc",
                    "--uts", "--",
                ]);
                break;
        }

        arguments.AddRange(inner);
        return StartInfo(layout, arguments, limits);
    }

    private ProcessStartInfo StartInfo(LocalSandboxLayout layout, List<string> arguments, SandboxLimits limits)
    {
        var startInfo = new ProcessStartInfo(tools.Setsid ?? throw new SandboxException("setsid is required (install util-linux)."))
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = layout.HostWorkspace,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Clear();
        foreach (var (key, value) in Environment(limits))
        {
            startInfo.Environment[key] = value;
        }

        return startInfo;
    }

    /// <summary>
    /// As root there is no bubblewrap user namespace to pass <c>--disable-userns</c> to, so the run gets one of its own
    /// that maps only its uid, lowers its limit of nested user namespaces to 0 (its creator may), and then drops the
    /// capabilities it held in it before the interpreter starts: agent code cannot create a user namespace
    /// (<c>unshare -r</c>), which would give it root inside one and a wider kernel surface.
    /// </summary>
    private IEnumerable<string> ClosedUserNamespace(SandboxIdentity identity)
    {
        if (tools.Unshare is null || tools.Setpriv is null)
        {
            return [];
        }

        var uid = identity.Uid.ToString(CultureInfo.InvariantCulture);
        var gid = identity.Gid.ToString(CultureInfo.InvariantCulture);
        return
        [
            tools.Unshare, "--user", $"--map-user={uid}", $"--map-group={gid}", "--keep-caps", "--",
            "/bin/sh", "-c",
            "echo 0 > /proc/sys/user/max_user_namespaces && exec \"$0\" --inh-caps=-all --ambient-caps=-all --bounding-set=-all -- \"$@\"",
            tools.Setpriv,
        ];
    }

    /// <summary>
    /// The session's warm template: the same bubblewrap sandbox as a run, plus the session's private directory at
    /// <see cref="LocalWarmInterpreter.InsidePath"/>, without rlimits or a uid change (each run's init sets those after
    /// the fork: the template needs its privileges to give every run its own namespaces and identity).
    /// </summary>
    public ProcessStartInfo BuildTemplate(LocalSandboxLayout layout, string privateDirectory, SandboxLimits limits)
    {
        if (mode != LocalIsolationMode.Bubblewrap)
        {
            throw new SandboxException("The warm interpreter needs bubblewrap.");
        }

        var arguments = new List<string> { tools.Bwrap! };
        arguments.AddRange(BubblewrapArguments(layout));
        arguments.AddRange(["--ro-bind", privateDirectory, LocalWarmInterpreter.InsidePath]);
        if (!isRoot)
        {
            // Inside the sandbox's user namespace only: a run's init needs them to mount its /proc and then drops them all.
            arguments.AddRange(["--cap-add", "ALL"]);
        }

        arguments.AddRange(["--", interpreter, LocalWarmInterpreter.InsidePath + "/" + WarmTemplateScript.FileName]);
        var startInfo = StartInfo(layout, arguments, limits);
        startInfo.Environment["MLEDOJO_WARM_MODULES"] = JsonSerializer.Serialize(options.WarmModules);
        startInfo.Environment["MLEDOJO_WARM_SETUP"] = WarmSetup(layout).ToJsonString();
        return startInfo;
    }

    /// <summary>What every run's init sets up as a cold run would be, and how the template prepares its spare runs.</summary>
    private JsonObject WarmSetup(LocalSandboxLayout layout) => new()
    {
        ["tmp"] = options.TmpSizeBytes,
        ["shm"] = options.ShmSizeBytes,
        ["uid"] = layout.Identity?.Uid,
        ["gid"] = layout.Identity?.Gid,

        // As root there is no --disable-userns (it needs bubblewrap's own user namespace); the init closes the door.
        ["closeUserns"] = isRoot,
        ["prefault"] = options.WarmPrefault,
        ["rehearse"] = options.WarmRehearsal,
    };

    /// <summary>What the template's spare needs to run run <paramref name="n"/> as a cold run would be.</summary>
    public JsonObject WarmRequest(LocalSandboxLayout layout, string scriptRelative, SandboxLimits limits, TimeSpan timeout, int n, long templateAddressSpace)
    {
        var (stdout, stderr) = WarmRunSockets.Names(n);
        var rlimits = Rlimits(limits, timeout);
        var request = new JsonObject
        {
            ["n"] = n,
            ["script"] = layout.MountPath.TrimEnd('/') + "/" + scriptRelative,
            ["cwd"] = layout.MountPath,
            ["out"] = LocalWarmInterpreter.InsidePath + "/" + stdout,
            ["err"] = LocalWarmInterpreter.InsidePath + "/" + stderr,
            ["limits"] = new JsonObject
            {
                // The run inherits the template's mappings without owning them: the address-space cap comes on top.
                ["as"] = rlimits.AddressSpace > 0 ? rlimits.AddressSpace + templateAddressSpace : null,
                ["nproc"] = rlimits.Processes > 0 ? rlimits.Processes : null,
                ["fsize"] = rlimits.FileSize,
                ["cpu"] = rlimits.CpuSeconds is { } cpu ? new JsonArray(cpu, cpu + 5) : null,
            },
        };
        return request;
    }

    private (long AddressSpace, long Processes, long? CpuSeconds, long? FileSize) Rlimits(SandboxLimits limits, TimeSpan timeout)
    {
        long? cpu = null;
        if (timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan && timeout < TimeSpan.FromDays(365))
        {
            // A backstop, not the main limit: the wall-clock timeout normally ends the run first. It only fires when a
            // process keeps more cores busy than it was given for the whole timeout.
            cpu = (long)Math.Ceiling(Math.Max(1.0, limits.Cpus) * timeout.TotalSeconds) + 5;
        }

        return (options.AddressSpaceLimitBytes ?? limits.MemoryBytes, limits.MaxProcesses, cpu, options.MaxFileSizeBytes is > 0 and var size ? size : null);
    }

    private List<string> PrlimitArguments(SandboxLimits limits, TimeSpan timeout)
    {
        var prlimit = tools.Prlimit ?? throw new SandboxException("prlimit is required (install util-linux).");
        var arguments = new List<string> { prlimit, "--core=0" };
        var rlimits = Rlimits(limits, timeout);
        if (rlimits.AddressSpace > 0)
        {
            arguments.Add(Invariant($"--as={rlimits.AddressSpace}"));
        }

        if (rlimits.Processes > 0)
        {
            arguments.Add(Invariant($"--nproc={rlimits.Processes}"));
        }

        if (rlimits.CpuSeconds is { } soft)
        {
            arguments.Add(Invariant($"--cpu={soft}:{soft + 5}"));
        }

        if (rlimits.FileSize is { } fileSize)
        {
            arguments.Add(Invariant($"--fsize={fileSize}"));
        }

        arguments.Add("--");
        return arguments;
    }

    private List<string> BubblewrapArguments(LocalSandboxLayout layout)
    {
        var arguments = new List<string>
        {
            "--die-with-parent", "--new-session",
            "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
            "--hostname", "sandbox",
        };
        if (!isRoot)
        {
            // Unprivileged bubblewrap needs a user namespace; it also makes the process limit count only sandbox processes.
            // Agent code may not make one of its own (a nested user namespace widens the kernel surface it reaches).
            arguments.AddRange(["--unshare-user", "--disable-userns"]);
        }

        arguments.AddRange(["--ro-bind", "/usr", "/usr"]);
        foreach (var hidden in LabelledOriginals.Paths.Where(Directory.Exists))
        {
            arguments.AddRange(["--perms", "0555", "--tmpfs", hidden, "--remount-ro", hidden]);
        }

        foreach (var name in RootLinks)
        {
            var hostPath = "/" + name;
            var info = new FileInfo(hostPath);
            if (info.LinkTarget is { } target)
            {
                arguments.AddRange(["--symlink", target, hostPath]);
            }
            else if (Directory.Exists(hostPath))
            {
                arguments.AddRange(["--ro-bind", hostPath, hostPath]);
            }
        }

        arguments.AddRange(["--perms", "0755", "--dir", "/etc"]);
        foreach (var name in HostEtcEntries)
        {
            arguments.AddRange(["--ro-bind-try", "/etc/" + name, "/etc/" + name]);
        }

        foreach (var directory in PythonEtcDirectories())
        {
            arguments.AddRange(["--ro-bind", directory, directory]);
        }

        if (layout.EtcDirectory is not null)
        {
            foreach (var name in GeneratedEtcFiles)
            {
                arguments.AddRange(["--ro-bind", Path.Combine(layout.EtcDirectory, name), "/etc/" + name]);
            }
        }

        arguments.AddRange(["--proc", "/proc", "--dev", "/dev"]);
        arguments.AddRange(["--perms", "1777", "--size", Invariant($"{options.TmpSizeBytes}"), "--tmpfs", "/tmp"]);
        arguments.AddRange(["--perms", "1777", "--size", Invariant($"{options.ShmSizeBytes}"), "--tmpfs", "/dev/shm"]);

        foreach (var path in InterpreterBindPaths().Concat(options.ExtraReadOnlyPaths))
        {
            arguments.AddRange(["--ro-bind", path, path]);
        }

        arguments.AddRange(["--bind", layout.HostWorkspace, layout.MountPath]);
        foreach (var relative in layout.ReadOnlyPaths)
        {
            arguments.AddRange(
            [
                "--ro-bind", Path.Combine(layout.HostWorkspace, relative), layout.MountPath.TrimEnd('/') + "/" + relative,
            ]);
        }

        arguments.AddRange(["--chdir", layout.MountPath]);
        return arguments;
    }

    private IEnumerable<string> PythonEtcDirectories()
    {
        // Debian reads /etc/python3.X/sitecustomize.py at start-up.
        try
        {
            return Directory.GetDirectories("/etc", "python3*");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LocalSandboxLog.PythonEtcUnreadable(logger, exception);
            return [];
        }
    }

    // An interpreter outside /usr (venv, conda, pyenv) needs its prefix inside the sandbox: bind the directory above
    // bin/ for both the configured path and the file it finally resolves to.
    private IEnumerable<string> InterpreterBindPaths()
    {
        var candidates = new List<string> { interpreter };
        var resolved = new FileInfo(interpreter).ResolveLinkTarget(returnFinalTarget: true);
        if (resolved is not null)
        {
            candidates.Add(resolved.FullName);
        }

        return candidates
            .Where(path => !IsUnder(path, "/usr") && !RootLinks.Any(link => IsUnder(path, "/" + link)))
            .Select(path => Path.GetDirectoryName(Path.GetDirectoryName(path)))
            .OfType<string>()
            .Where(prefix => prefix.Length > 1)
            .Distinct(StringComparer.Ordinal);
    }

    private static bool IsUnder(string path, string directory) =>
        path.StartsWith(directory + "/", StringComparison.Ordinal);

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
