using MleDojo.Core.Execution;
using MleDojo.Core.Platform;

namespace MleDojo.Sandbox.Common;

/// <summary>
/// Reads the workspace paths of a <see cref="SandboxSpec"/> the same way in both providers, so a spec that one backend
/// refuses the other refuses too, with the same words.
/// </summary>
internal static class SandboxSpecPaths
{
    /// <summary>The workspace's full path without a trailing separator; it must be given absolute.</summary>
    public static string Workspace(SandboxSpec spec)
    {
        if (!Path.IsPathRooted(spec.WorkspacePath))
        {
            throw new SandboxException($"Workspace path '{spec.WorkspacePath}' must be absolute.");
        }

        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(spec.WorkspacePath));
    }

    /// <summary>The read-only paths, checked relative and '/'-separated, each once.</summary>
    public static List<string> ReadOnly(SandboxSpec spec) =>
        spec.ReadOnlyPaths
            .Select(p => string.Join('/', WorkspaceFiles.SplitRelative(p, "Read-only path")))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
