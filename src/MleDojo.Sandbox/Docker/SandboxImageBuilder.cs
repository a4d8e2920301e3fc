using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MleDojo.Core.Execution;
using MleDojo.Core.Platform;

namespace MleDojo.Sandbox.Docker;

/// <summary>
/// Builds the sandbox image without any registry: <c>debootstrap --variant=minbase</c> assembles a Debian root
/// filesystem with the Python stack from the apt mirror, an unprivileged <c>agent</c> user is added, and the tree is
/// imported as an image (<c>tar -c . | docker import</c>, through the engine API so the same endpoint and TLS settings
/// as the server apply). Needs root (debootstrap does) and about 3 minutes on a 2-core machine.
/// </summary>
public static class SandboxImageBuilder
{
    private const string DpkgSpeedConfig = "etc/dpkg/dpkg.cfg.d/mledojo-unsafe-io";

    private static readonly string[] ExcludedPaths =
    [
        "/usr/include/*", "/usr/share/doc/*", "/usr/share/man/*", "/usr/share/info/*", "/usr/share/locale/*",
        "/usr/share/lintian/*",
    ];

    /// <summary>Whether the engine has the image, and the engine's description for messages.</summary>
    /// <exception cref="SandboxException">The engine cannot be reached or the endpoint settings are invalid.</exception>
    public static async Task<(bool Exists, string Engine)> ImageExistsAsync(DockerSandboxOptions engineOptions, string image, CancellationToken cancellationToken = default)
    {
        await using var engine = Connect(engineOptions);
        try
        {
            await engine.GetInfoAsync(cancellationToken).WaitAsync(engineOptions.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            return (await engine.ImageExistsAsync(image, cancellationToken).ConfigureAwait(false), engine.Endpoint);
        }
        catch (Exception ex) when (ex is not SandboxException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            throw new SandboxException($"Cannot reach the Docker engine at {engine.Endpoint}: {ex.Message}", ex);
        }
    }

    /// <summary>Builds the image unless it exists (or <see cref="SandboxImageBuildOptions.Force"/> is set). Progress lines go to <paramref name="progress"/>.</summary>
    /// <param name="options">What to build and where.</param>
    /// <param name="progress">Receives one line per step and the tools' output.</param>
    /// <param name="logger">Where failures the build survives (a root filesystem it could not remove) are logged; null logs nothing.</param>
    /// <param name="cancellationToken">Stops the build; the partial root filesystem is removed.</param>
    /// <exception cref="SandboxException">Not root, debootstrap missing or failing, or the engine refused the import.</exception>
    public static async Task<SandboxImageBuildResult> BuildAsync(SandboxImageBuildOptions options, IProgress<string> progress, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var (exists, endpoint) = await ImageExistsAsync(options.Engine, options.Image, cancellationToken).ConfigureAwait(false);
        if (exists && !options.Force)
        {
            progress.Report($"{options.Image} already exists in the engine at {endpoint}; nothing to do (--force rebuilds it).");
            return new SandboxImageBuildResult(options.Image, false, null, TimeSpan.Zero, TimeSpan.Zero);
        }

        if (!LibC.IsRoot)
        {
            throw new SandboxException("Building the sandbox image needs root (debootstrap creates device files and changes owners). Run it with sudo.");
        }

        var debootstrap = new[] { "/usr/sbin/debootstrap", "/sbin/debootstrap" }.FirstOrDefault(File.Exists)
            ?? throw new SandboxException("debootstrap is not installed: apt-get install debootstrap.");
        var mirror = options.Mirror ?? AptMirror.Find(options.Suite);
        Directory.CreateDirectory(options.WorkDirectory);
        var rootfs = Path.Combine(Path.GetFullPath(options.WorkDirectory), $"mledojo-rootfs-{Guid.NewGuid():N}");
        Directory.CreateDirectory(rootfs);
        try
        {
            var clock = Stopwatch.StartNew();
            List<string> arguments = ["--variant=minbase", "--include=" + string.Join(',', options.Packages)];
            if (options.CacheDirectory is { } cache)
            {
                Directory.CreateDirectory(cache);
                arguments.Add("--cache-dir=" + Path.GetFullPath(cache));
            }

            // Two stages, so dpkg can be configured in between: the first downloads every package and unpacks the
            // essential ones; the second installs them all with dpkg inside the tree.
            arguments.AddRange(["--foreign", options.Suite, rootfs, mirror]);
            progress.Report($"debootstrap {options.Suite} from {mirror} into {rootfs} (a few minutes)");
            await RunAsync(debootstrap, arguments, progress, cancellationToken).ConfigureAwait(false);
            await ConfigureDpkgAsync(rootfs, cancellationToken).ConfigureAwait(false);
            await RunAsync("chroot", [rootfs, "/debootstrap/debootstrap", "--second-stage"], progress, cancellationToken).ConfigureAwait(false);
            File.Delete(Path.Combine(rootfs, DpkgSpeedConfig));
            var bootstrap = clock.Elapsed;

            await CustomiseAsync(rootfs, options, mirror, cancellationToken).ConfigureAwait(false);

            clock.Restart();
            progress.Report($"importing into the engine at {endpoint} as {options.Image}");
            await ImportAsync(rootfs, options, progress, cancellationToken).ConfigureAwait(false);
            var import = clock.Elapsed;
            progress.Report(string.Create(CultureInfo.InvariantCulture, $"built {options.Image}: debootstrap {bootstrap.TotalSeconds:F0} s, import {import.TotalSeconds:F0} s"));
            return new SandboxImageBuildResult(options.Image, true, mirror, bootstrap, import);
        }
        finally
        {
            await RemoveRootfsAsync(rootfs, logger ?? NullLogger.Instance).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// dpkg settings for the second stage. Most of its time goes to writing files with an fsync each (pointless for a
    /// tree that is about to be archived) and to C headers and documentation that only compiling and reading need:
    /// boost and the C++ toolchain arrive as dependencies of scipy's pythran. Without them the build is about a
    /// minute shorter and the image 300 MB smaller. The excludes stay in the image; nothing installs packages into it.
    /// </summary>
    private static async Task ConfigureDpkgAsync(string rootfs, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(rootfs, "etc/dpkg/dpkg.cfg.d");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(rootfs, DpkgSpeedConfig), "force-unsafe-io\n", cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(
            Path.Combine(directory, "mledojo-excludes"),
            string.Join('\n', ExcludedPaths.Select(p => "path-exclude=" + p)) + "\n",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The unprivileged user agent code runs as, a mount point for the workspace, and no package caches.</summary>
    private static async Task CustomiseAsync(string rootfs, SandboxImageBuildOptions options, string mirror, CancellationToken cancellationToken)
    {
        var uid = options.AgentUid.ToString(CultureInfo.InvariantCulture);
        var gid = options.AgentGid.ToString(CultureInfo.InvariantCulture);
        await AppendUnlessPresentAsync(Path.Combine(rootfs, "etc/group"), $"agent:x:{gid}:", cancellationToken).ConfigureAwait(false);
        await AppendUnlessPresentAsync(Path.Combine(rootfs, "etc/passwd"), $"agent:x:{uid}:{gid}:MleDojo agent:/tmp:/usr/sbin/nologin", cancellationToken).ConfigureAwait(false);
        await AppendUnlessPresentAsync(Path.Combine(rootfs, "etc/shadow"), "agent:*:19000:0:99999:7:::", cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.Combine(rootfs, "workspace"));
        await File.WriteAllTextAsync(
            Path.Combine(rootfs, "etc/mledojo-sandbox-image"),
            $"{options.Image}\nbuilt {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} by debootstrap {options.Suite} from {mirror}\npackages {string.Join(' ', options.Packages)}\n",
            cancellationToken).ConfigureAwait(false);

        // Downloaded packages and package lists: useless in a read-only image.
        foreach (var relative in new[] { "var/cache/apt/archives", "var/lib/apt/lists" })
        {
            var directory = Path.Combine(rootfs, relative);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo { LinkTarget: null } sub)
                {
                    sub.Delete(recursive: true);
                }
                else if (entry.Name != "lock")
                {
                    entry.Delete();
                }
            }
        }
    }

    private static async Task AppendUnlessPresentAsync(string file, string line, CancellationToken cancellationToken)
    {
        var name = line[..(line.IndexOf(':', StringComparison.Ordinal) + 1)];
        var existing = File.Exists(file) ? await File.ReadAllLinesAsync(file, cancellationToken).ConfigureAwait(false) : [];
        if (!existing.Any(l => l.StartsWith(name, StringComparison.Ordinal)))
        {
            await File.AppendAllTextAsync(file, line + "\n", cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ImportAsync(string rootfs, SandboxImageBuildOptions options, IProgress<string> progress, CancellationToken cancellationToken)
    {
        // The engine makes /dev, /proc and /sys itself; numeric owners keep the uids the image's passwd names.
        var start = new ProcessStartInfo("tar")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--numeric-owner", "--exclude=./dev/*", "--exclude=./proc/*", "--exclude=./sys/*", "-C", rootfs, "-c", "." })
        {
            start.ArgumentList.Add(argument);
        }

        using var tar = Process.Start(start) ?? throw new SandboxException("Could not start tar.");
        var errors = tar.StandardError.ReadToEndAsync(cancellationToken);
        await using var engine = Connect(options.Engine);
        string[] changes =
        [
            $"USER {options.AgentUid}:{options.AgentGid}",
            "WORKDIR /workspace",
            "ENV PATH=/usr/local/bin:/usr/bin:/bin",
            "ENV LANG=C.UTF-8",
            "CMD [\"python3\"]",
        ];
        try
        {
            await engine.ImportImageAsync(tar.StandardOutput.BaseStream, options.Image, changes, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            tar.Kill();
            throw new SandboxException($"The engine at {engine.Endpoint} did not import the image: {ex.Message}", ex);
        }

        await tar.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (tar.ExitCode != 0)
        {
            throw new SandboxException($"tar failed ({tar.ExitCode}): {await errors.ConfigureAwait(false)}");
        }
    }

    private static async Task RunAsync(string program, IEnumerable<string> arguments, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new SandboxException($"Could not start {program}.");
        var tail = new Queue<string>();
        async Task PumpAsync(StreamReader reader)
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                progress.Report(line);
                lock (tail)
                {
                    tail.Enqueue(line);
                    if (tail.Count > 20)
                    {
                        tail.Dequeue();
                    }
                }
            }
        }

        try
        {
            await Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError), process.WaitForExitAsync(cancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new SandboxException($"{Path.GetFileName(program)} failed with exit code {process.ExitCode}; it last printed:\n{string.Join('\n', tail)}");
        }
    }

    /// <summary>
    /// debootstrap mounts /proc and /sys inside the tree and may leave them mounted when it fails: unmount whatever is
    /// under the tree first, and remove it without crossing into any file system still mounted there.
    /// </summary>
    private static async Task RemoveRootfsAsync(string rootfs, ILogger logger)
    {
        try
        {
            var mounts = (await File.ReadAllLinesAsync("/proc/self/mountinfo").ConfigureAwait(false))
                .Select(line => line.Split(' ')[4])
                .Where(point => point == rootfs || point.StartsWith(rootfs + "/", StringComparison.Ordinal))
                .OrderByDescending(point => point.Length);
            foreach (var point in mounts)
            {
                await RunQuietlyAsync("umount", ["-l", point]).ConfigureAwait(false);
            }

            await RunQuietlyAsync("rm", ["-rf", "--one-file-system", rootfs]).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            // A leftover directory under the work directory is harmless; the next build uses a new one.
            DockerLog.RootfsCleanupFailed(logger, rootfs, ex);
        }
    }

    private static async Task RunQuietlyAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start);
        if (process is not null)
        {
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    private static DockerEngine Connect(DockerSandboxOptions options)
    {
        try
        {
            return DockerEngine.Connect(DockerEndpoint.Resolve(options, Environment.GetEnvironmentVariable), options.ApiTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new SandboxException(ex.Message, ex);
        }
    }
}
