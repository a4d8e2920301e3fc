using System.Globalization;
using System.Text;
using System.Text.Json;
using MleDojo.Core.Competitions;
using MleDojo.Core.Data;
using MleDojo.Core.Metrics;

namespace MleDojo.Core.Sessions;

public sealed partial class SessionManager
{
    /// <summary>request_info: overview, data_structure, sample_submission, metric, budget or all. Free: not a step.</summary>
    public async Task<InfoResult> RequestInfoAsync(string sessionId, string infoType, CancellationToken cancellationToken = default)
    {
        var session = await GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var type = (infoType ?? "").Trim().ToLowerInvariant();
        if (!InfoTypes.All.Contains(type))
        {
            throw new SessionException(SessionErrorCode.InvalidArgument, $"Unknown info_type '{infoType}'. Use one of: {string.Join(", ", InfoTypes.All)}.");
        }

        await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var content = type == "all"
                ? string.Join("\n\n", InfoTypes.All.Where(t => t != "all").Select(t => $"## {t}\n\n{Info(session, t)}"))
                : Info(session, type);
            var result = new InfoResult(type, content, session.Budget(_time.GetUtcNow()));
            await RecordAsync(session, ActionNames.RequestInfo, "ok", new { info_type = type }, result: null).ConfigureAwait(false);
            return result;
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private string Info(Session session, string type) => type switch
    {
        "overview" => File.ReadAllText(session.Spec.DescriptionPath),
        "data_structure" => session.DataStructureCache ??= DataStructure(session),
        "sample_submission" => SampleSubmission(session),
        "metric" => MetricInfo(session.Spec, session.Prepared.Manifest),
        "budget" => JsonSerializer.Serialize(session.Budget(_time.GetUtcNow()), new JsonSerializerOptions { WriteIndented = true }),
        _ => "",
    };

    private string DataStructure(Session session)
    {
        var layout = Layout(session);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Working directory: {layout.Root}. Read data from {layout.InputDir} (read-only); write {layout.SubmissionPath}.");
        foreach (var name in session.Workspace.InputFiles)
        {
            var path = Path.Combine(session.Workspace.Root, Workspace.InputDirectory, name);
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

    private static string SampleSubmission(Session session)
    {
        var lines = File.ReadLines(session.Prepared.SampleSubmissionPath).Take(6).ToList();
        return $"input/sample_submission.csv (first rows):\n{string.Join('\n', lines)}\n\nOne row per id of input/test.csv ({session.Prepared.Manifest.TestRows:N0} rows). Write the same columns to output/submission.csv.";
    }

    private static string MetricInfo(CompetitionSpec spec, PreparationManifest manifest)
    {
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
