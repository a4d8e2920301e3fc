namespace MleDojo.Core.Importing;

/// <summary>What <c>mledojo import</c> was asked to do.</summary>
public sealed record ImportRequest
{
    /// <summary><c>mle-bench</c> or <c>mle-dojo</c>.</summary>
    public required string Format { get; init; }

    /// <summary>The competition folder in that format.</summary>
    public required string SourceDirectory { get; init; }

    /// <summary>The Kaggle download: a .zip file or a directory (prepare.py's <c>raw</c>).</summary>
    public required string DataPath { get; init; }

    /// <summary>The user competitions directory the folder is written into.</summary>
    public required string IntoDirectory { get; init; }

    /// <summary>Server-private scratch space for the run of prepare.py.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>Our id for the competition; default: the source id, lower-cased.</summary>
    public string? Id { get; init; }

    /// <summary>Replace an earlier import with the same id.</summary>
    public bool Force { get; init; }

    /// <summary>Grade with the folder's own grade.py / metric.py even where the table maps a library metric.</summary>
    public bool UseOwnGrader { get; init; }

    /// <summary>Direction for a folder's own grader when neither its code nor its leaderboard tells.</summary>
    public bool? HigherIsBetter { get; init; }

    /// <summary>tabular, nlp, cv or time-series; default from the table, else tabular.</summary>
    public string? Category { get; init; }

    /// <summary>Seed of the Public/Private partition of the answer rows.</summary>
    public ulong Seed { get; init; } = 20261126;

    /// <summary>Share of answer rows on the public leaderboard.</summary>
    public double PublicFraction { get; init; } = 0.3;

    /// <summary>Wall-clock limit of prepare.py.</summary>
    public TimeSpan PrepareTimeout { get; init; } = TimeSpan.FromHours(1);
}
