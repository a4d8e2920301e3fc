using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using MleDojo.Core.Execution;
using MleDojo.Core.Platform;
using MleDojo.Sandbox.Common;

namespace MleDojo.Sandbox.Docker;

/// <summary>
/// Immutable builder of a session container: every <c>WithX</c> returns a new builder, and <see cref="Build"/> checks
/// the whole definition at once (<see cref="Validate"/>) so a misconfiguration is reported in one message naming every
/// problem, before anything reaches the engine.
/// </summary>
internal sealed partial record ContainerBuilder
{
    // Besides the run's own processes and threads, the container holds its init, one supervisor per run and, while a
    // run is killed, the killer; with a warm template, the template and one client per run too: room for those so
    // agent code gets the whole MaxProcesses.
    public const int HelperProcesses = 6;

    // Docker refuses memory limits below 6 MiB; below this nothing useful runs anyway.
    private const long MinimumMemoryBytes = 16L << 20;

    private string? Name { get; init; }

    private string? Image { get; init; }

    private string? User { get; init; }

    private ImmutableArray<string> Command { get; init; } = [];

    private ImmutableArray<string> Environment { get; init; } = [];

    private ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    private string? HostWorkspace { get; init; }

    private ImmutableArray<string> ReadOnlyPaths { get; init; } = [];

    private SandboxLimits? Limits { get; init; }

    private double? MaxCpus { get; init; }

    private long TmpSizeBytes { get; init; } = 1L << 30;

    private long ShmSizeBytes { get; init; } = 512L << 20;

    private bool WarmTemplate { get; init; }

    public ContainerBuilder WithName(string name) => this with { Name = name };

    public ContainerBuilder WithImage(string image) => this with { Image = image };

    /// <summary>The user of the container's pid 1, as <c>uid:gid</c>.</summary>
    public ContainerBuilder WithUser(int uid, int gid) => this with { User = string.Create(CultureInfo.InvariantCulture, $"{uid}:{gid}") };

    public ContainerBuilder WithCommand(params string[] command) => this with { Command = [.. command] };

    public ContainerBuilder WithEnvironment(string name, string value) => this with { Environment = Environment.Add($"{name}={value}") };

    public ContainerBuilder WithLabel(string name, string value) => this with { Labels = Labels.SetItem(name, value) };

    /// <summary>The session workspace (absolute host path), mounted read-write at <see cref="DockerSandboxOptions.WorkspaceMountPath"/>.</summary>
    public ContainerBuilder WithWorkspace(string hostPath) => this with { HostWorkspace = hostPath };

    /// <summary>A workspace-relative directory bound a second time, read-only, over its read-write view.</summary>
    public ContainerBuilder WithReadOnlyPath(string relativePath) => this with { ReadOnlyPaths = ReadOnlyPaths.Add(relativePath) };

    public ContainerBuilder WithLimits(SandboxLimits limits) => this with { Limits = limits };

    /// <summary>CPUs the engine has: a larger CPU limit is lowered to it, since the engine refuses more than it has.</summary>
    public ContainerBuilder WithMaxCpus(double cpus) => this with { MaxCpus = cpus };

    public ContainerBuilder WithTmpfsSizes(long tmpBytes, long shmBytes) => this with { TmpSizeBytes = tmpBytes, ShmSizeBytes = shmBytes };

    /// <summary>
    /// Room for a warm template: the container's processes start as root with CAP_SETUID and CAP_SETGID only (the init
    /// drops to its own uid at once; execs as another uid get no capabilities). See docs/docker.md, "Warm interpreter".
    /// </summary>
    public ContainerBuilder WithWarmTemplate() => this with { WarmTemplate = true };

    /// <summary>Every problem with the definition so far, empty when it can be built.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name) || !NamePattern().IsMatch(Name))
        {
            errors.Add($"Container name '{Name}' must match [a-zA-Z0-9][a-zA-Z0-9_.-]+.");
        }

        if (string.IsNullOrWhiteSpace(Image))
        {
            errors.Add("An image is required.");
        }

        if (User is null || User.StartsWith("0:", StringComparison.Ordinal) || User.EndsWith(":0", StringComparison.Ordinal))
        {
            errors.Add("A non-root user is required for the container's init.");
        }

        if (Command.IsDefaultOrEmpty)
        {
            errors.Add("A command for the container's init is required.");
        }

        if (HostWorkspace is null || !Path.IsPathRooted(HostWorkspace))
        {
            errors.Add($"The workspace must be an absolute host path, not '{HostWorkspace}'.");
        }

        foreach (var path in ReadOnlyPaths)
        {
            try
            {
                WorkspaceFiles.SplitRelative(path, "Read-only path");
            }
            catch (WorkspacePathException ex)
            {
                errors.Add(ex.Message);
            }
        }

        if (Limits is null)
        {
            errors.Add("Resource limits are required.");
        }
        else
        {
            if (Limits.MemoryBytes < MinimumMemoryBytes)
            {
                errors.Add($"The memory limit ({Limits.MemoryBytes} bytes) must be at least {MinimumMemoryBytes >> 20} MiB.");
            }

            if (Limits.Cpus <= 0 || double.IsNaN(Limits.Cpus))
            {
                errors.Add($"The CPU limit ({Limits.Cpus}) must be positive.");
            }

            if (Limits.MaxProcesses < 1)
            {
                errors.Add($"The process limit ({Limits.MaxProcesses}) must be positive.");
            }
        }

        if (TmpSizeBytes < 1 << 20 || ShmSizeBytes < 1 << 20)
        {
            errors.Add("The /tmp and /dev/shm sizes must be at least 1 MiB.");
        }

        foreach (var variable in Environment)
        {
            if (variable.IndexOf('=', StringComparison.Ordinal) < 1)
            {
                errors.Add($"Environment entry '{variable}' must be NAME=value.");
            }
        }

        return errors;
    }

    /// <exception cref="ArgumentException">The definition is incomplete or invalid; the message lists every problem.</exception>
    public ContainerDefinition Build()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid sandbox container: " + string.Join(" ", errors));
        }

        var limits = Limits!;
        var workspace = Path.TrimEndingDirectorySeparator(HostWorkspace!);
        var mounts = new List<BindMount> { new(workspace, DockerSandboxOptions.WorkspaceMountPath, ReadOnly: false) };
        foreach (var relative in ReadOnlyPaths.Select(p => string.Join('/', WorkspaceFiles.SplitRelative(p, "Read-only path"))).Distinct(StringComparer.Ordinal))
        {
            mounts.Add(new BindMount($"{workspace}/{relative}", $"{DockerSandboxOptions.WorkspaceMountPath}/{relative}", ReadOnly: true));
        }

        var cpus = MaxCpus is { } max && max > 0 ? Math.Min(limits.Cpus, max) : limits.Cpus;
        return new ContainerDefinition(
            Name!,
            Image!,
            WarmTemplate ? "0:0" : User!,
            [.. Command],
            [.. Environment],
            Labels,
            DockerSandboxOptions.WorkspaceMountPath,
            "sandbox",
            mounts,
            Tmpfs(),
            limits.MemoryBytes,
            (long)Math.Round(cpus * 1e9),
            limits.MaxProcesses + HelperProcesses,
            ShmSizeBytes)
        {
            CapAdd = WarmTemplate ? ["SETUID", "SETGID"] : [],
        };
    }

    private Dictionary<string, string> Tmpfs() =>
        new(LabelledOriginals.Paths.Select(p => KeyValuePair.Create(p, "ro,nosuid,nodev,size=4k,mode=0555")))
        {
            ["/tmp"] = string.Create(CultureInfo.InvariantCulture, $"rw,nosuid,nodev,size={TmpSizeBytes},mode=1777"),
        };

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex NamePattern();
}
