using MleDojo.Core.Execution;

namespace MleDojo.Sandbox.Local;

/// <summary>The outcome of the isolation probe: the mode runs will use, what it isolates, and what stops sandboxes from being created.</summary>
/// <param name="Mode">The mechanism that worked (meaningless when <paramref name="Problem"/> is set).</param>
/// <param name="Isolation">What that mechanism isolates.</param>
/// <param name="Problem">Why no sandbox can be created at all (no working mechanism, broken interpreter), or null.</param>
internal sealed record LocalIsolationPlan(LocalIsolationMode Mode, SandboxIsolation Isolation, string? Problem);
