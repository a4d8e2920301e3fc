using MleDojo.Core.Competitions.RawSources;
using MleDojo.Core.Metrics;

namespace MleDojo.Core.Competitions;

/// <summary>A validated <c>competition.yaml</c>: everything needed to prepare, describe and grade a competition.</summary>
public sealed record CompetitionSpec
{
    /// <summary>Identifier, equal to the folder name.</summary>
    public required string Id { get; init; }

    /// <summary>Human title.</summary>
    public required string Title { get; init; }

    /// <summary>tabular, nlp, cv or time-series.</summary>
    public required string Category { get; init; }

    /// <summary>Free-text task kind, for example binary-classification.</summary>
    public required string Task { get; init; }

    /// <summary>Tags used for filtering (for example <c>lite</c>).</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>Absolute path of the competition folder.</summary>
    public required string Directory { get; init; }

    /// <summary>Absolute path of <c>competition.yaml</c>.</summary>
    public required string SpecPath { get; init; }

    /// <summary>Absolute path of <c>description.md</c>.</summary>
    public required string DescriptionPath { get; init; }

    /// <summary>How raw data becomes prepared files.</summary>
    public required DataSpec Data { get; init; }

    /// <summary>How rows are split into train, public test and private test.</summary>
    public required SplitSpec Split { get; init; }

    /// <summary>The metric, with a direction that agrees with the metric library.</summary>
    public required MetricSpec Metric { get; init; }

    /// <summary>What a submission must look like.</summary>
    public required SubmissionSpec Submission { get; init; }

    /// <summary>Baseline and reference scores that define the normalised score, when known.</summary>
    public ScoreAnchors? Scores { get; init; }

    /// <summary>Suggested per-competition budgets (never above the server's ceilings).</summary>
    public BudgetHints Budgets { get; init; } = new();

    /// <summary>Where the data came from and under what licence.</summary>
    public required SourceSpec Source { get; init; }

    /// <summary>The leakage review, one decision per item.</summary>
    public IReadOnlyList<string> Leakage { get; init; } = [];

    /// <summary>Absolute path of <c>leaderboard.csv</c> when the competition has one.</summary>
    public string? LeaderboardPath { get; init; }

    /// <summary>Set for a competition imported from MLE-bench or MLE-Dojo (prepared from its own prepare.py output).</summary>
    public Importing.ImportedSpec? Imported { get; init; }
}

/// <summary>Raw data and the column operations applied at preparation.</summary>
public sealed record DataSpec
{
    /// <summary>Where the raw labelled table comes from: a CSV in the folder or files of an installed package.</summary>
    public required RawSourceSpec Source { get; init; }

    /// <summary>Name of the fresh id column.</summary>
    public required string IdColumn { get; init; }

    /// <summary>Target columns as named in the raw file.</summary>
    public required IReadOnlyList<string> RawTargets { get; init; }

    /// <summary>Target columns as named in prepared files and submissions (same order as <see cref="RawTargets"/>).</summary>
    public required IReadOnlyList<string> TargetColumns { get; init; }

    /// <summary>Raw target value to answer value.</summary>
    public IReadOnlyDictionary<string, string> TargetMap { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// When set, a numeric raw target becomes <c>1</c> at or above this threshold and <c>0</c> below it (a Kaggle-style
    /// "delayed 15 minutes or more" label from a delay in minutes).
    /// </summary>
    public double? BinarizeTargetAt { get; init; }

    /// <summary>Whether rows with an empty or NA target are removed before the split. The default is true.</summary>
    public bool DropRowsMissingTarget { get; init; } = true;

    /// <summary>Columns removed from everything the agent sees.</summary>
    public IReadOnlyList<DroppedColumn> DropColumns { get; init; } = [];

    /// <summary>Raw column name to prepared column name.</summary>
    public IReadOnlyDictionary<string, string> RenameColumns { get; init; } = new Dictionary<string, string>();
}

/// <summary>A column removed at preparation and why.</summary>
public sealed record DroppedColumn(string Name, string Reason);

/// <summary>Seeded split parameters.</summary>
public sealed record SplitSpec
{
    /// <summary>Seed for the shuffle, the split and the public/private partition.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Share of rows held out as the test set, in (0, 1).</summary>
    public double TestFraction { get; init; } = 0.3;

    /// <summary>Share of test rows on the public leaderboard, in (0, 1).</summary>
    public double PublicFraction { get; init; } = 0.3;

    /// <summary>For time series: rows are ordered by this column and the last ones become test.</summary>
    public string? TimeColumn { get; init; }

    /// <summary>For time series: rows with time at or after this value are test.</summary>
    public string? TimeCut { get; init; }

    /// <summary>
    /// For time series: rows with equal times are put in a seeded random order instead of raw order, for raw files
    /// whose order within a time value carries something the agent must not see (fresh ids follow the order).
    /// </summary>
    public bool ShuffleTies { get; init; }

    /// <summary>
    /// For grouped data: rows sharing a value of this raw column all go to train or all to test, and test groups are
    /// public or private as a whole, so near-duplicate rows of one group never sit on both sides.
    /// </summary>
    public string? GroupColumn { get; init; }
}

/// <summary>The competition metric.</summary>
public sealed record MetricSpec
{
    /// <summary>Name in the metric library.</summary>
    public required string Name { get; init; }

    /// <summary>Direction, checked against the library.</summary>
    public required bool HigherIsBetter { get; init; }

    /// <summary>Metric parameters.</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>Builds the metric from the library.</summary>
    public IMetric Create() => MetricRegistry.Create(Name, Parameters);
}

/// <summary>The expected submission shape.</summary>
public sealed record SubmissionSpec
{
    /// <summary>What each row holds.</summary>
    public required PredictionKind Kind { get; init; }

    /// <summary>Allowed labels (label kind) or probability columns (class_probabilities kind).</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    /// <summary>Largest accepted file. The default is 50 MB.</summary>
    public long MaxBytes { get; init; } = 50L * 1024 * 1024;
}

/// <summary>Scores of the shipped baseline (normalised 0) and reference (normalised 1) solutions on the private split.</summary>
public sealed record ScoreAnchors(double Baseline, double Reference, string? Reproduce);

/// <summary>Budget suggestions from the competition author.</summary>
public sealed record BudgetHints
{
    /// <summary>Suggested maximum steps.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Suggested per-run timeout in seconds.</summary>
    public int? RunTimeoutSeconds { get; init; }
}

/// <summary>Provenance of the raw data.</summary>
public sealed record SourceSpec
{
    /// <summary>Dataset name.</summary>
    public required string Name { get; init; }

    /// <summary>Package (and version) that ships the data.</summary>
    public string? Package { get; init; }

    /// <summary>Object or path inside the package.</summary>
    public string? Object { get; init; }

    /// <summary>Licence.</summary>
    public required string Licence { get; init; }

    /// <summary>Upstream address.</summary>
    public string? Url { get; init; }
}
