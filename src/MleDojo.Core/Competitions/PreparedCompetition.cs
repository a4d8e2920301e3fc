namespace MleDojo.Core.Competitions;

/// <summary>A competition after preparation: the agent-visible files and the private answers, checksummed.</summary>
/// <param name="Spec">The spec it was prepared from.</param>
/// <param name="RootDirectory">Root of the prepared tree (<c>$MLEDOJO_HOME/prepared/&lt;id&gt;</c>).</param>
/// <param name="Manifest">Row counts, classes and SHA-256 of every file.</param>
public sealed record PreparedCompetition(CompetitionSpec Spec, string RootDirectory, PreparationManifest Manifest)
{
    /// <summary>Column of the answers file that says whether a row is on the public or the private leaderboard.</summary>
    public const string UsageColumn = "Usage";

    /// <summary>The answers file's name inside <c>private/</c>.</summary>
    public const string AnswersFileName = "answers.csv";

    /// <summary>Directory of agent-visible files (train, test, sample submission). Copied into workspaces.</summary>
    public string PublicDirectory => Path.Combine(RootDirectory, "public");

    /// <summary>The answers file. Never copied into a workspace or mounted into a sandbox.</summary>
    public string AnswersPath => Path.Combine(RootDirectory, "private", "answers.csv");

    /// <summary>Path of the sample submission.</summary>
    public string SampleSubmissionPath => Path.Combine(PublicDirectory, "sample_submission.csv");
}
