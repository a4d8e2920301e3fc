using System.Globalization;
using System.Text;
using MleDojo.Core.Competitions;

namespace MleDojo.Server.Cli;

/// <summary>
/// Renders <c>docs/competitions.md</c> from the specs, so the catalog page can never drift from what ships:
/// <c>mledojo competitions catalog --output docs/competitions.md</c> writes it and a test compares.
/// </summary>
internal static class CatalogPage
{
    private static readonly string[] Categories = ["tabular", "nlp", "cv", "time-series"];

    public static string Render(IReadOnlyList<(CompetitionSpec Spec, CompetitionSummary Summary)> competitions)
    {
        var text = new StringBuilder();
        text.Append("""
            # Competition catalog

            Generated from each `competitions/<id>/competition.yaml` by `mledojo competitions catalog --output docs/competitions.md`;
            do not edit by hand (a test fails when this page and the specs disagree). Baseline and reference are the private-split
            scores of the competition's `solutions/baseline.py` (normalised score 0) and `solutions/reference.py` (normalised
            score 1), reproduced by `mledojo calibrate <id>`; the `lite` set is re-run by the test suite
            (`mledojo calibrate --tag lite --check`). Rows count labelled rows in the raw data, before the split.

            """);
        text.Append('\n');
        foreach (var category in Categories.Concat(competitions.Select(c => c.Spec.Category).Except(Categories).Order(StringComparer.Ordinal)))
        {
            var inCategory = competitions.Where(c => c.Spec.Category == category).OrderBy(c => c.Spec.Id, StringComparer.Ordinal).ToList();
            if (inCategory.Count == 0)
            {
                continue;
            }

            text.Append(CultureInfo.InvariantCulture, $"## {category} ({inCategory.Count})\n\n");
            text.Append("| id | task | metric | rows | baseline | reference | tags | licence | data |\n");
            text.Append("|---|---|---|---:|---:|---:|---|---|---|\n");
            foreach (var (spec, summary) in inCategory)
            {
                var metric = $"{spec.Metric.Name} ({(spec.Metric.HigherIsBetter ? "higher" : "lower")} is better)";
                var rows = summary.Rows?.ToString("N0", CultureInfo.InvariantCulture) ?? "package not installed";
                var data = spec.Data.Source.Package is { } package ? $"built at prepare time from the {package}" : spec.Source.Package ?? "";
                text.Append(CultureInfo.InvariantCulture,
                    $"| [`{spec.Id}`](../competitions/{spec.Id}/) | {Cell(spec.Task)} | {metric} | {rows} | {Score(spec.Scores?.Baseline)} | {Score(spec.Scores?.Reference)} | {string.Join(", ", spec.Tags)} | {Cell(spec.Source.Licence)} | {Cell(data)} |\n");
            }

            text.Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"{competitions.Count} competitions; {competitions.Count(c => c.Spec.Tags.Contains("lite"))} in the `lite` set, {competitions.Count(c => c.Spec.Tags.Contains("full"))} in the `full` set.\n");
        AppendPackagesNeeded(text, competitions);
        return text.ToString();
    }

    /// <summary>
    /// The packages a machine must have for a competition to be prepared there: the rest ship their data in the
    /// repository (converted once from the package named in their data column), so they need nothing installed.
    /// </summary>
    private static void AppendPackagesNeeded(StringBuilder text, IReadOnlyList<(CompetitionSpec Spec, CompetitionSummary Summary)> competitions)
    {
        var needing = competitions.Where(c => c.Spec.Data.Source.Package is not null).OrderBy(c => c.Spec.Id, StringComparer.Ordinal).ToList();
        text.Append("\n## Packages needed at prepare time\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{competitions.Count - needing.Count} competitions ship their data in `competitions/<id>/data/` and need no package. These {needing.Count} build it from an installed package when first prepared (the prepared data is cached per data root); `./run test` installs them:\n\n");
        text.Append("| id | package |\n|---|---|\n");
        foreach (var (spec, _) in needing)
        {
            var viaR = spec.Data.Source.Reader == Core.Competitions.RawSources.RawSourceReaders.RDataset ? ", read through Rscript (Debian r-base-core)" : "";
            text.Append(CultureInfo.InvariantCulture, $"| `{spec.Id}` | {Cell($"{spec.Data.Source.Package}{viaR}")} |\n");
        }
    }

    private static string Score(double? score) => score?.ToString("G6", CultureInfo.InvariantCulture) ?? "–";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
