using System.Globalization;
using MleDojo.Core.Metrics;

namespace MleDojo.Core.Competitions;

/// <summary>The submission columns and the constant prediction written into <c>sample_submission.csv</c>.</summary>
internal sealed record SampleSubmission(IReadOnlyList<string> Columns, IReadOnlyList<string> Values)
{
    public static IReadOnlyList<string> ColumnsFor(CompetitionSpec spec, IReadOnlyList<string> classes) =>
        spec.Submission.Kind == PredictionKind.ClassProbabilities ? classes
            : spec.Submission.Column is { } column ? [column]
            : spec.Data.TargetColumns;

    /// <summary>A valid but uninformed prediction: the most frequent train label, the train mean, or uniform probabilities.</summary>
    public static SampleSubmission Create(CompetitionSpec spec, IReadOnlyList<string> classes, IReadOnlyList<string[]> trainTargets)
    {
        var columns = ColumnsFor(spec, classes);
        string Mean(int column) => trainTargets
            .Select(t => double.Parse(t[column], NumberStyles.Float, CultureInfo.InvariantCulture))
            .Average()
            .ToString("G6", CultureInfo.InvariantCulture);

        IReadOnlyList<string> values = spec.Submission.Kind switch
        {
            PredictionKind.Label or PredictionKind.RankedList => [trainTargets.GroupBy(t => t[0], StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key],
            // A prediction scored against several answers (a risk against time and event) has no mean to copy: a
            // constant 0 ranks every row alike.
            PredictionKind.Value when spec.Submission.Column is not null => ["0"],
            PredictionKind.Probability or PredictionKind.Value => [Mean(0)],
            PredictionKind.Values => [.. Enumerable.Range(0, columns.Count).Select(Mean)],
            PredictionKind.ClassProbabilities => [.. classes.Select(_ => (1.0 / classes.Count).ToString("R", CultureInfo.InvariantCulture))],
            PredictionKind.Text => [""],
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Submission.Kind, "unknown prediction kind"),
        };
        return new SampleSubmission(columns, values);
    }
}
