using System.Collections.Concurrent;
using MleDojo.Core.Competitions;
using MleDojo.Core.Metrics;

namespace MleDojo.Core.Grading;

/// <summary>
/// Checks and scores submissions against a prepared competition's private answers, in the server process.
/// Answer keys are loaded once per competition and kept.
/// </summary>
public sealed class Grader(TimeProvider timeProvider, IExternalGrader? externalGrader = null)
{
    private readonly ConcurrentDictionary<string, Lazy<AnswerKey>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Leaderboard?>> _leaderboards = new(StringComparer.Ordinal);

    /// <summary>Creates a grader on the system clock.</summary>
    public Grader()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates a grader on the system clock that can run imported competitions' own graders.</summary>
    public Grader(IExternalGrader? externalGrader)
        : this(TimeProvider.System, externalGrader)
    {
    }

    /// <summary>Loads (once) and keeps the competition's answer key, so the first grading does not pay for it.</summary>
    public void LoadAnswers(PreparedCompetition prepared) => AnswersFor(prepared);

    /// <summary>Validates the file without scoring it.</summary>
    public SubmissionCheck Check(PreparedCompetition prepared, string submissionPath, CancellationToken cancellationToken = default) =>
        SubmissionReader.Read(submissionPath, SubmissionFormat.For(prepared), AnswersFor(prepared), cancellationToken);

    /// <summary>
    /// Validates the file; for a competition graded by its own code (<see cref="ExternalGrading"/>) also runs that
    /// code once, whose rejection becomes a validation error and whose scores <see cref="Score"/> then returns.
    /// </summary>
    public async Task<SubmissionCheck> CheckAsync(PreparedCompetition prepared, string submissionPath, CancellationToken cancellationToken = default)
    {
        var check = Check(prepared, submissionPath, cancellationToken);
        return check.IsValid && ExternalGrading.IsExternal(prepared.Spec)
            ? await ExternalGrading.ApplyAsync(externalGrader, prepared, submissionPath, check, cancellationToken).ConfigureAwait(false)
            : check;
    }

    /// <summary>Scores a checked, valid submission on one split.</summary>
    /// <exception cref="MetricException">The metric is undefined on this split (for example one class only), or the competition's own grader failed.</exception>
    public double Score(PreparedCompetition prepared, SubmissionCheck check, ScoreSplit split)
    {
        if (check.Predictions is null)
        {
            throw new InvalidOperationException("only a valid submission can be scored; check IsValid first");
        }

        if (ExternalGrading.IsExternal(prepared.Spec))
        {
            return ExternalGrading.Score(prepared.Spec, check, split);
        }

        var answers = AnswersFor(prepared);
        var rows = SelectRows(answers, split);
        var input = BuildInput(prepared, answers, check.Predictions, rows);
        return prepared.Spec.Metric.Create().Score(input);
    }

    /// <summary>Validates and scores a submission on both splits, and places it on the leaderboard or between baseline and reference.</summary>
    public GradeReport Grade(PreparedCompetition prepared, string submissionPath, CancellationToken cancellationToken = default) =>
        Report(prepared, Check(prepared, submissionPath, cancellationToken));

    /// <summary>As <see cref="Grade"/>, and the one to use for competitions graded by their own code.</summary>
    public async Task<GradeReport> GradeAsync(PreparedCompetition prepared, string submissionPath, CancellationToken cancellationToken = default) =>
        Report(prepared, await CheckAsync(prepared, submissionPath, cancellationToken).ConfigureAwait(false));

    private GradeReport Report(PreparedCompetition prepared, SubmissionCheck check)
    {
        var spec = prepared.Spec;
        var report = new GradeReport
        {
            CompetitionId = spec.Id,
            Metric = spec.Metric.Name,
            IsLowerBetter = !spec.Metric.HigherIsBetter,
            SubmissionExists = check.Found,
            ValidSubmission = check.IsValid,
            Errors = check.Errors,
            BaselineScore = spec.Scores?.Baseline,
            ReferenceScore = spec.Scores?.Reference,
            CreatedAt = timeProvider.GetUtcNow(),
        };
        if (!check.IsValid)
        {
            return report;
        }

        try
        {
            var publicScore = Score(prepared, check, ScoreSplit.Public);
            var privateScore = Score(prepared, check, ScoreSplit.Private);
            return Place(prepared, report with { PublicScore = publicScore, PrivateScore = privateScore });
        }
        catch (MetricException ex)
        {
            return report with { GradingError = ex.Message };
        }
    }

    /// <summary>Adds leaderboard position, medal and normalised score for a private score.</summary>
    public GradeReport Place(PreparedCompetition prepared, GradeReport report)
    {
        if (report.PrivateScore is not { } score)
        {
            return report;
        }

        var placement = Placement.Of(prepared.Spec, LeaderboardFor(prepared), score);
        report = report with { NormalizedScore = placement.NormalizedScore };
        if (placement.Thresholds is not { } thresholds)
        {
            return report;
        }

        return report with
        {
            PositionScore = placement.PositionScore,
            LeaderboardEntries = placement.LeaderboardEntries,
            Medal = placement.Medal?.ToString().ToLowerInvariant(),
            GoldThreshold = thresholds.Gold,
            SilverThreshold = thresholds.Silver,
            BronzeThreshold = thresholds.Bronze,
            MedianThreshold = thresholds.Median,
            AboveMedian = placement.AboveMedian,
        };
    }

    /// <summary>
    /// The reward of a public score: the leaderboard position score where a leaderboard exists (as MLE-Dojo; on the
    /// public leaderboard when an imported competition brought one),
    /// else the normalised score between baseline and reference, else 0.
    /// </summary>
    public double Reward(PreparedCompetition prepared, double publicScore)
    {
        if (LeaderboardFor(prepared, publicBoard: true) is { } leaderboard)
        {
            return leaderboard.PositionScore(publicScore);
        }

        return prepared.Spec.Scores is { } anchors ? (publicScore - anchors.Baseline) / (anchors.Reference - anchors.Baseline) : 0;
    }

    private AnswerKey AnswersFor(PreparedCompetition prepared) =>
        _answers.GetOrAdd($"{prepared.Spec.Id}:{prepared.Manifest.InputSha256}", _ => new Lazy<AnswerKey>(() => AnswerKey.Load(prepared))).Value;

    private Leaderboard? LeaderboardFor(PreparedCompetition prepared, bool publicBoard = false) =>
        (publicBoard ? prepared.Spec.Imported?.PublicLeaderboardPath ?? prepared.Spec.LeaderboardPath : prepared.Spec.LeaderboardPath) is not { } path
            ? null
            : _leaderboards.GetOrAdd(path, p => new Lazy<Leaderboard?>(() => Leaderboard.Load(p, prepared.Spec.Metric.HigherIsBetter))).Value;

    private static int[]? SelectRows(AnswerKey answers, ScoreSplit split)
    {
        if (split == ScoreSplit.All)
        {
            return null;
        }

        var wantPublic = split == ScoreSplit.Public;
        var count = 0;
        foreach (var isPublic in answers.IsPublic)
        {
            count += isPublic == wantPublic ? 1 : 0;
        }

        var rows = new int[count];
        var next = 0;
        for (var i = 0; i < answers.IsPublic.Length; i++)
        {
            if (answers.IsPublic[i] == wantPublic)
            {
                rows[next++] = i;
            }
        }

        return rows;
    }

    private static MetricInput BuildInput(PreparedCompetition prepared, AnswerKey answers, AlignedPredictions predictions, int[]? rows)
    {
        static T[]? Pick<T>(T[]? source, int[]? rows)
        {
            if (source is null || rows is null)
            {
                return source;
            }

            var result = new T[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                result[i] = source[rows[i]];
            }

            return result;
        }

        var kind = prepared.Spec.Submission.Kind;
        var trueColumns = answers.Values?.Select(c => Pick(c, rows)!).ToArray();
        var predictedColumns = predictions.Columns?.Select(c => Pick(c, rows)!).ToArray();
        var single = kind is PredictionKind.Probability or PredictionKind.Value;
        return new MetricInput
        {
            RowCount = rows?.Length ?? answers.Count,
            TrueLabels = Pick(answers.Labels, rows),
            TrueValues = single ? trueColumns?[0] : null,
            TrueColumns = kind == PredictionKind.Values || trueColumns?.Length > 1 ? trueColumns : null,
            PredictedLabels = Pick(predictions.Labels, rows),
            PredictedValues = single ? predictedColumns?[0] : null,
            PredictedColumns = kind is PredictionKind.Values or PredictionKind.ClassProbabilities ? predictedColumns : null,
            Classes = prepared.Manifest.Classes,
        };
    }
}
