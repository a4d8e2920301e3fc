using System.Text.RegularExpressions;
using MleDojo.Core.Execution;
using MleDojo.Core.Platform;

namespace MleDojo.Sandbox.Common;

/// <summary>
/// Checks a run request the same way on both backends before anything starts, so an agent gets the same errors
/// whichever sandbox it runs in.
/// </summary>
internal static partial class SandboxRunRequests
{
    /// <summary>Validates the run id and timeout; returns the script's path relative to the workspace, '/'-separated.</summary>
    public static string Validate(SandboxRunRequest request, string hostWorkspace)
    {
        if (!RunIdPattern().IsMatch(request.RunId))
        {
            throw new SandboxException($"Run id '{request.RunId}' must be 1-128 letters, digits, '.', '_' or '-' (it names the log files).");
        }

        if (request.Timeout <= TimeSpan.Zero)
        {
            throw new SandboxException($"Run {request.RunId}: the timeout must be positive.");
        }

        var script = string.Join('/', WorkspaceFiles.SplitRelative(request.ScriptPath, "Script path"));
        if (!File.Exists(Path.Combine(hostWorkspace, script)))
        {
            throw new SandboxException($"Run {request.RunId}: script '{request.ScriptPath}' does not exist in the workspace.");
        }

        return script;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex RunIdPattern();
}
