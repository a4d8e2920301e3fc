namespace MleDojo.Core.Importing;

/// <summary>
/// The <c>imported:</c> section of a competition imported from MLE-bench or MLE-Dojo: where its prepared data and
/// answer key are, and how it is graded (the metric library, or its own grade.py / metric.py).
/// </summary>
public sealed record ImportedSpec
{
    /// <summary>The copy of the original folder inside the competition folder (description, grader code, prepare.py).</summary>
    public const string SourceDirectory = "source";

    /// <summary>The output of prepare.py inside the competition folder: <c>data/public</c> and <c>data/private</c>.</summary>
    public const string DataDirectoryName = "data";

    /// <summary>SHA-256 of every file under <c>data/</c>, written at import: the preparation cache key.</summary>
    public const string DataManifestFile = "data/import-manifest.json";

    /// <summary>The answers with a Usage column, in the original columns, for a competition graded by its own code (server-private).</summary>
    public const string GraderAnswersFile = "grader_answers.csv";

    /// <summary>The MLE-bench format name.</summary>
    public const string MleBench = "mle-bench";

    /// <summary>The MLE-Dojo format name.</summary>
    public const string MleDojo = "mle-dojo";

    /// <summary><c>mle-bench</c> or <c>mle-dojo</c>.</summary>
    public required string Format { get; init; }

    /// <summary>The competition's id in its source (the folder name there).</summary>
    public required string OriginalId { get; init; }

    /// <summary>The folder it was imported from, as given at import (provenance only).</summary>
    public string? SourcePath { get; init; }

    /// <summary>Absolute path of <c>data/public</c>: what agents see, as prepare.py wrote it.</summary>
    public required string PublicDirectory { get; init; }

    /// <summary>Absolute path of the answer key prepare.py wrote under <c>data/private</c>.</summary>
    public required string AnswersPath { get; init; }

    /// <summary>The sample submission's name inside <see cref="PublicDirectory"/>.</summary>
    public required string SampleSubmission { get; init; }

    /// <summary>The folder's own grader, relative to the competition folder; null when the metric library grades it.</summary>
    public string? GraderScript { get; init; }

    /// <summary>Absolute path of <c>public_leaderboard.csv</c>, when the source has a public leaderboard (MLE-Dojo).</summary>
    public string? PublicLeaderboardPath { get; init; }

    /// <summary>Rows of train plus test, counted at import (for listings).</summary>
    public int Rows { get; init; }
}
