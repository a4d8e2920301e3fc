using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MleDojo.Core.Execution;
using MleDojo.Core.Platform;
using MleDojo.Sandbox.Common;
using MleDojo.Sandbox.Warm;

namespace MleDojo.Sandbox.Local;

/// <summary>
/// The embedded sandbox backend: runs agent code as local processes, isolated with bubblewrap when available.
/// Create it once with <see cref="ProbeAsync(LocalSandboxOptions?, ILogger{LocalSandboxProvider}?, CancellationToken)"/> (which finds out what isolation works here) and share it.
/// </summary>
public sealed partial class LocalSandboxProvider : ISandboxProvider
{
    private readonly LocalSandboxOptions _options;
    private readonly HostTools _tools;
    private readonly bool _isRoot;
    private readonly string _interpreter;
    private readonly LocalIsolationPlan _plan;
    private readonly ILogger _logger;
    private readonly WarmTemplateSlots _warmSlots;

    private LocalSandboxProvider(LocalSandboxOptions options, HostTools tools, bool isRoot, string interpreter, LocalIsolationPlan plan, ILogger logger)
    {
        _options = options;
        _tools = tools;
        _isRoot = isRoot;
        _interpreter = interpreter;
        _plan = plan;
        _logger = logger;
        _warmSlots = new WarmTemplateSlots(options.MaxWarmTemplates);
    }

    /// <summary>Whether runs fork from a warm template per session (<see cref="LocalSandboxOptions.WarmInterpreter"/> and bubblewrap).</summary>
    public bool WarmRuns => _options.WarmInterpreter && Mode == LocalIsolationMode.Bubblewrap;

    /// <inheritdoc />
    public string Name => "local";

    /// <inheritdoc />
    public SandboxIsolation Isolation => _plan.Isolation;

    /// <summary>The isolation mechanism runs use, as chosen by the probe.</summary>
    public LocalIsolationMode Mode => _plan.Mode;

    /// <summary>The absolute interpreter path runs use.</summary>
    public string PythonPath => _interpreter;

    /// <summary>
    /// Probes this machine (runs the interpreter once through each isolation mechanism, strongest first, in
    /// well under a second) and returns a provider bound to the strongest one that works. Never throws for
    /// missing isolation: <see cref="Isolation"/> reports it and <see cref="CreateAsync"/> refuses to create
    /// sandboxes unless <see cref="LocalSandboxOptions.AllowUnisolated"/> is set.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid; the message lists every problem.</exception>
    public static Task<LocalSandboxProvider> ProbeAsync(LocalSandboxOptions? options = null, CancellationToken cancellationToken = default) =>
        ProbeAsync(options, logger: null, cancellationToken);

    /// <inheritdoc cref="ProbeAsync(LocalSandboxOptions?, CancellationToken)"/>
    /// <param name="options">The settings; null for the defaults.</param>
    /// <param name="logger">Where the probe's findings and the failures the backend survives are logged; null logs nothing.</param>
    /// <param name="cancellationToken">Cancels the probe.</param>
    public static async Task<LocalSandboxProvider> ProbeAsync(LocalSandboxOptions? options, ILogger<LocalSandboxProvider>? logger, CancellationToken cancellationToken = default)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The local sandbox needs Linux.");
        }

        options ??= new LocalSandboxOptions();
        var errors = OptionsValidation.Errors(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid local sandbox options: " + string.Join(" ", errors), nameof(options));
        }

        var log = (ILogger?)logger ?? NullLogger.Instance;
        var tools = HostTools.Find();
        var isRoot = LibC.IsRoot;
        var interpreter = HostTools.Locate(options.PythonPath) is { } found ? Path.GetFullPath(found) : null;
        var plan = interpreter is null
            ? new LocalIsolationPlan(
                LocalIsolationMode.None,
                new SandboxIsolation(false, false, $"unavailable: interpreter {options.PythonPath} not found"),
                $"The Python interpreter '{options.PythonPath}' was not found; install python3 or set LocalSandboxOptions.PythonPath.")
            : await IsolationProbe.ProbeAsync(options, tools, isRoot, interpreter, log, cancellationToken).ConfigureAwait(false);
        LocalSandboxLog.Ready(log, interpreter ?? options.PythonPath, plan.Isolation.Description);
        return new LocalSandboxProvider(options, tools, isRoot, interpreter ?? options.PythonPath, plan, log);
    }

    /// <inheritdoc />
    /// <exception cref="SandboxException">
    /// Isolation is unavailable and <see cref="LocalSandboxOptions.AllowUnisolated"/> is false, the interpreter does
    /// not work, or the workspace is unusable. The message says what to install or set.
    /// </exception>
    public async Task<ISandbox> CreateAsync(SandboxSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        cancellationToken.ThrowIfCancellationRequested();
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The local sandbox needs Linux.");
        }

        if (_plan.Problem is not null)
        {
            throw new SandboxException(_plan.Problem);
        }

        if (!Isolation.IsFull && !_options.AllowUnisolated)
        {
            throw new SandboxException(
                $"Refusing to run agent code without full isolation. This machine offers: {Isolation.Description}. "
                + "Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap) and allow it to create namespaces "
                + "(in Docker: run with --security-opt seccomp=unconfined --security-opt apparmor=unconfined --cap-add SYS_ADMIN, or --privileged; "
                + "as a non-root user: enable unprivileged user namespaces), "
                + "or set LocalSandboxOptions.AllowUnisolated = true to accept weaker isolation.");
        }

        var workspace = SandboxSpecPaths.Workspace(spec);
        var readOnly = SandboxSpecPaths.ReadOnly(spec);
        var writable = _options.WritablePaths
            .Select(p => string.Join('/', WorkspaceFiles.SplitRelative(p, "Writable path")))
            .Where(p => !readOnly.Any(r => p == r || p.StartsWith(r + "/", StringComparison.Ordinal)))
            .ToList();
        var identity = _isRoot && _options.DropPrivileges
            ? SandboxIdentity.ForSession(spec.SessionId, _options.SandboxUidBase, _options.SandboxUidCount)
            : null;

        // A few metadata syscalls on the workspace top level: quick enough to do inline.
        WorkspacePreparer.Prepare(workspace, readOnly, writable, identity);
        if (Mode != LocalIsolationMode.Bubblewrap && identity is not null)
        {
            WorkspacePreparer.CheckTraversable(workspace, identity, Mode);
        }

        string? etc = null;
        var mountPath = workspace;
        if (Mode == LocalIsolationMode.Bubblewrap)
        {
            mountPath = _options.WorkspaceMountPath;
            var name = SafeName().Replace(spec.SessionId[..Math.Min(40, spec.SessionId.Length)], "_");
            etc = Directory.CreateTempSubdirectory($"mledojo-sandbox-{name}-").FullName;
            await EtcFiles.WriteAsync(etc, identity, cancellationToken).ConfigureAwait(false);
        }

        var layout = new LocalSandboxLayout(workspace, mountPath, readOnly, identity, etc);
        var builder = new LocalCommandBuilder(_options, _tools, Mode, _isRoot, _interpreter, _logger);
        var warm = WarmRuns
            ? await LocalWarmInterpreter.CreateAsync(spec.SessionId, layout, builder, spec.Limits, _warmSlots, _logger, cancellationToken).ConfigureAwait(false)
            : null;
        return new LocalSandbox(spec, layout, builder, _options, warm, _logger);
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex SafeName();
}
