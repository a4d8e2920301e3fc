namespace MleDojo.Core.Importing;

/// <summary>Runs an imported folder's own <c>prepare(raw, public, private)</c> in isolation. Implemented by MleDojo.Sandbox.</summary>
public interface IPrepareRunner
{
    /// <summary>Runs the job; never throws for a failing prepare.py (the outcome says why), only for a sandbox that cannot start.</summary>
    Task<PrepareOutcome> RunAsync(PrepareJob job, CancellationToken cancellationToken = default);
}

/// <summary>One run of a competition's prepare.py.</summary>
/// <param name="CodeDirectory">Host folder whose Python files are visible to the script (its package, for relative imports).</param>
/// <param name="ScriptPath">prepare.py, inside <paramref name="CodeDirectory"/>.</param>
/// <param name="RawDirectory">The Kaggle download, extracted: copied to the script's writable <c>raw</c>.</param>
/// <param name="WorkDirectory">An empty server-private directory for the run; the outputs stay there.</param>
/// <param name="Timeout">Wall-clock limit.</param>
/// <param name="RawIsScratch">The raw directory is the importer's own scratch copy (an extracted zip): moved, not copied.</param>
public sealed record PrepareJob(string CodeDirectory, string ScriptPath, string RawDirectory, string WorkDirectory, TimeSpan Timeout, bool RawIsScratch = false);

/// <summary>The end of a prepare run.</summary>
/// <param name="Succeeded">prepare() returned.</param>
/// <param name="PublicDirectory">What it wrote for agents.</param>
/// <param name="PrivateDirectory">What it wrote as the answer key.</param>
/// <param name="NeededNetwork">It failed trying to reach the network.</param>
/// <param name="Detail">The end of its output, or why it was stopped.</param>
public sealed record PrepareOutcome(bool Succeeded, string PublicDirectory, string PrivateDirectory, bool NeededNetwork, string Detail);
