using System.Globalization;
using System.Text;
using MleDojo.Core.Competitions;
using MleDojo.Core.Data;
using MleDojo.Core.Metrics;
using MleDojo.Core.Serialization;

namespace MleDojo.Core.Sessions;

/// <summary>What request_info tells the agent about its task: the overview, the data, the sample submission, the metric and the budget.</summary>
internal sealed class TaskInfo(PreparedCompetition prepared, Workspace workspace)
{
    private string? _dataStructure;

    /// <summary>The info type as request_info accepts it, or a refusal naming the valid ones.</summary>
    public static string Parse(string? infoType)
    {
        var type = (infoType ?? "").Trim().ToLowerInvariant();
        return InfoTypes.All.Contains(type)
            ? type
            : throw new SessionException(SessionErrorCode.InvalidArgument, $"Unknown info_type '{infoType}'. Use one of: {string.Join(", ", InfoTypes.All)}.");
    }

    /// <summary>The competition description (description.md).</summary>
    public string Overview => File.ReadAllText(prepared.Spec.DescriptionPath);

    /// <summary>Renders one info type (as <see cref="Parse"/> returned it), or every one of them under headings for <c>all</c>.</summary>
    public string Render(string type, WorkspaceLayout layout, BudgetStatus budget) => type == "all"
        ? string.Join("\n\n", InfoTypes.All.Where(t => t != "all").Select(t => $"## {t}\n\n{Render(t, layout, budget)}"))
        : type switch
        {
            "overview" => Overview,
            "data_structure" => _dataStructure ??= DataStructure(layout),
            "sample_submission" => SampleSubmission(),
            "metric" => Metric(),
            "budget" => DojoJson.SerializeIndented(budget),
            _ => "",
        };

    private string DataStructure(WorkspaceLayout layout)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Working directory: {layout.Root}. Read data from {layout.InputDir} (read-only); write {layout.SubmissionPath}.");
        foreach (var name in workspace.InputFiles)
        {
            var path = Path.Combine(workspace.Root, Workspace.InputDirectory, name);
            var (header, rows) = CsvText.ReadAll(path);
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"input/{name}: {rows.Count:N0} rows x {header.Length} columns, {new FileInfo(path).Length:N0} bytes");
            for (var c = 0; c < header.Length; c++)
            {
                var values = rows.Select(r => r[c]).ToList();
                var missing = values.Count(MissingValues.IsMissing);
                var present = values.Where(v => !MissingValues.IsMissing(v)).ToList();
                var numeric = present.Count > 0 && present.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
                var distinct = present.Distinct(StringComparer.Ordinal).Count();
                var examples = string.Join(", ", present.Distinct(StringComparer.Ordinal).Take(3).Select(v => v.Length > 24 ? v[..24] + "..." : v));
                text.AppendLine(CultureInfo.InvariantCulture, $"  - {header[c]}: {(numeric ? "numeric" : "text")}, {distinct:N0} distinct, {missing:N0} missing; e.g. {examples}");
            }
        }

        return text.ToString();
    }

    private string SampleSubmission()
    {
        var lines = File.ReadLines(prepared.SampleSubmissionPath).Take(6).ToList();
        return $"input/sample_submission.csv (first rows):\n{string.Join('\n', lines)}\n\nOne row per id of input/test.csv ({prepared.Manifest.TestRows:N0} rows). Write the same columns to output/submission.csv.";
    }

    private string Metric()
    {
        var spec = prepared.Spec;
        var manifest = prepared.Manifest;
        var info = MetricRegistry.All.FirstOrDefault(m => m.Name == spec.Metric.Name);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Metric: {spec.Metric.Name} ({(spec.Metric.HigherIsBetter ? "higher" : "lower")} is better).");
        if (info is not null)
        {
            text.AppendLine(info.Description);
        }

        if (spec.Metric.Parameters.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Parameters: {string.Join(", ", spec.Metric.Parameters.Select(p => $"{p.Key}={p.Value}"))}.");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Submission kind: {CompetitionSpecLoader.KindName(spec.Submission.Kind)}.");
        if (spec.Submission.Column is { } column)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Column {column} is scored against the answer columns {string.Join(", ", spec.Data.TargetColumns)} (in train.csv, not in test.csv).");
        }

        if (manifest.Classes.Count > 0 && spec.Submission.Kind is PredictionKind.Label or PredictionKind.ClassProbabilities)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Classes: {string.Join(", ", manifest.Classes)}.");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Scoring: every execute_code scores output/submission.csv on the public {manifest.PublicRows:N0} test rows; submit scores the chosen submission once on the private {manifest.PrivateRows:N0} rows, which decide the result.");
        if (spec.Scores is { } anchors)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Normalised score: 0 = trivial baseline ({anchors.Baseline.ToString("G6", CultureInfo.InvariantCulture)}), 1 = reference solution ({anchors.Reference.ToString("G6", CultureInfo.InvariantCulture)}).");
        }

        return text.ToString();
    }
}
