using MleDojo.Core.Competitions;
using MleDojo.Core.Metrics;

namespace MleDojo.Core.Grading;

/// <summary>The expected shape of a submission file for one competition.</summary>
/// <param name="IdColumn">The id column, first in the sample submission.</param>
/// <param name="PredictionColumns">Columns after the id.</param>
/// <param name="Kind">What the prediction columns hold.</param>
/// <param name="Classes">Allowed labels (label kind).</param>
/// <param name="MaxBytes">Largest accepted file.</param>
/// <param name="NonNegative">Values must be at least 0 (RMSLE).</param>
public sealed record SubmissionFormat(
    string IdColumn,
    IReadOnlyList<string> PredictionColumns,
    PredictionKind Kind,
    IReadOnlyList<string> Classes,
    long MaxBytes,
    bool NonNegative)
{
    /// <summary>Tolerance on the row sum of class probabilities.</summary>
    public const double ProbabilitySumTolerance = 0.01;

    /// <summary>The format of a prepared competition.</summary>
    public static SubmissionFormat For(PreparedCompetition prepared)
    {
        var spec = prepared.Spec;
        return new SubmissionFormat(
            spec.Data.IdColumn,
            SampleSubmission.ColumnsFor(spec, prepared.Manifest.Classes),
            spec.Submission.Kind,
            prepared.Manifest.Classes,
            spec.Submission.MaxBytes,
            NonNegative: spec.Metric.Name is "rmsle");
    }

    /// <summary>The header line a valid submission has.</summary>
    public string HeaderLine => string.Join(',', [IdColumn, .. PredictionColumns]);
}
