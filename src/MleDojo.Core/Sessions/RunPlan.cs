namespace MleDojo.Core.Sessions;

/// <summary>The next run as the episode's rules lay it out.</summary>
/// <param name="Step">The budget step it will use (1-based).</param>
/// <param name="RunId">Its id, <c>run-NNNN</c>.</param>
/// <param name="Timeout">The run timeout, cut to what is left of the episode's clock.</param>
/// <param name="EndsAtDeadline">The timeout is the episode deadline: the run timing out ends the episode.</param>
internal sealed record RunPlan(int Step, string RunId, TimeSpan Timeout, bool EndsAtDeadline)
{
    /// <summary>The workspace-relative path of the script, as agent code's tracebacks name it.</summary>
    public string ScriptPath => $"{Workspace.RunsDirectory}/{ScriptName}";

    public string ScriptName => $"step-{Step:D4}.py";
}
