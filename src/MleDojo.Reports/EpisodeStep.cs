namespace MleDojo.Reports;

/// <summary>One recorded call of an episode, as the report's drill-down shows it.</summary>
/// <param name="Seq">Call sequence number, from 1.</param>
/// <param name="Step">Budget step, for validate_code and execute_code.</param>
/// <param name="Action">The tool called.</param>
/// <param name="Status">How the call ended: a run status, <c>ok</c> or <c>refused</c>.</param>
/// <param name="Code">The code run, for runs.</param>
/// <param name="PublicScore">The public score the agent saw.</param>
/// <param name="PrivateScore">The private score of the step's submission: graded by the report for runs, recorded for submit.</param>
/// <param name="DurationSeconds">Run time.</param>
public sealed record EpisodeStep(
    int Seq,
    int? Step,
    string Action,
    string Status,
    string? Code,
    double? PublicScore,
    double? PrivateScore,
    double? DurationSeconds);
