namespace MleDojo.Core.Execution;

/// <summary>
/// The sandbox cannot run yet because what it runs on is still being granted (a Slurm allocation that pends in the
/// queue). Unlike other <see cref="SandboxException"/>s the sandbox is sound: keep it, so it keeps its place in the
/// queue, and try again later.
/// </summary>
public sealed class SandboxPendingException(string message) : SandboxException(message);
