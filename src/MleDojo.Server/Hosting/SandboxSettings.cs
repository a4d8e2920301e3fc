using System.ComponentModel.DataAnnotations;

namespace MleDojo.Server.Hosting;

/// <summary>
/// Which sandbox backend runs agent code (<c>MleDojo:Sandbox</c>), and the interpreter and isolation policy that every
/// Python the server starts shares: agent code on the local backend, and imported competitions' own prepare.py and
/// grade.py, whichever backend runs agent code. The backends' own settings are <c>MleDojo:Sandbox:Local</c> and
/// <c>MleDojo:Sandbox:Docker</c> and <c>MleDojo:Sandbox:Slurm</c>.
/// </summary>
public sealed class SandboxSettings
{
    /// <summary><c>local</c> (default, embedded), <c>docker</c> or <c>slurm</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("(?i)local|docker|slurm", ErrorMessage = "Backend must be 'local', 'docker' or 'slurm'.")]
    public string Backend { get; set; } = "local";

    /// <summary>
    /// The interpreter. The default is /usr/bin/python3 where it exists, else python3 on PATH. When set it overrides
    /// <c>MleDojo:Sandbox:Local:PythonPath</c>.
    /// </summary>
    public string? Python { get; set; }

    /// <summary>
    /// Run Python even where the machine cannot isolate it (recorded with every session). The default is false; true
    /// overrides <c>MleDojo:Sandbox:Local:AllowUnisolated</c>.
    /// </summary>
    public bool AllowUnisolated { get; set; }

    /// <summary>
    /// Whether runs fork from a warm interpreter per session that has imported the ML stack once (default true), or
    /// start a fresh interpreter each (false; the <c>--cold-runs</c> flag). Each run records which path it took.
    /// It overrides <c>MleDojo:Sandbox:Local:WarmInterpreter</c> and <c>MleDojo:Sandbox:Docker:WarmInterpreter</c> when false.
    /// </summary>
    public bool WarmInterpreter { get; set; } = true;

    /// <summary>Set by <c>--cold-runs</c>: the same as <see cref="WarmInterpreter"/> false.</summary>
    public bool ColdRuns { get; set; }

    /// <summary>Whether <see cref="Backend"/> selects the Docker backend.</summary>
    public bool IsDocker => string.Equals(Backend, "docker", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <see cref="Backend"/> selects the Slurm backend.</summary>
    public bool IsSlurm => string.Equals(Backend, "slurm", StringComparison.OrdinalIgnoreCase);
}
