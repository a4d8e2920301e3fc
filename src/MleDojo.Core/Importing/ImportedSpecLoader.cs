using MleDojo.Core.Competitions;
using MleDojo.Core.Metrics;

namespace MleDojo.Core.Importing;

/// <summary>
/// Validates a competition.yaml that has an <c>imported:</c> section: its data is the output of the source's
/// prepare.py (under <c>data/</c>), not a raw file, and its metric is a library metric or the folder's own grader.
/// </summary>
internal static class ImportedSpecLoader
{
    /// <summary>The metric name prefix of a competition graded by its own code, e.g. <c>external:accuracy</c>.</summary>
    public const string ExternalMetricPrefix = "external";

    public static CompetitionSpec Validate(CompetitionYaml y, string directory, string specPath)
    {
        var problems = new List<string>();
        void Require(bool ok, string field, string problem)
        {
            if (!ok)
            {
                problems.Add($"{field}: {problem}");
            }
        }

        var folderName = Path.GetFileName(directory);
        Require(!string.IsNullOrWhiteSpace(y.Id) && CompetitionSpecLoader.IdPattern().IsMatch(y.Id), "id", $"'{y.Id}' must be lower-case letters, digits and dashes");
        Require(y.Id == folderName, "id", $"'{y.Id}' must equal the folder name '{folderName}'");
        Require(!string.IsNullOrWhiteSpace(y.Title), "title", "is required");
        Require(y.Category is "tabular" or "nlp" or "cv" or "time-series", "category", $"'{y.Category}' must be one of tabular, nlp, cv, time-series");
        var descriptionPath = Path.Combine(directory, "description.md");
        Require(File.Exists(descriptionPath), "description.md", "file not found next to competition.yaml");

        var imported = y.Imported!;
        Require(imported.Format is ImportedSpec.MleBench or ImportedSpec.MleDojo, "imported.format", $"'{imported.Format}' must be {ImportedSpec.MleBench} or {ImportedSpec.MleDojo}");
        var dataDirectory = Path.Combine(directory, ImportedSpec.DataDirectoryName);
        var publicDirectory = Path.Combine(dataDirectory, "public");
        var answersPath = Path.GetFullPath(Path.Combine(dataDirectory, "private", imported.Answers ?? ""));
        var manifest = Path.Combine(directory, ImportedSpec.DataManifestFile);
        Require(File.Exists(manifest), ImportedSpec.DataManifestFile, "not found: import the competition again");
        Require(!string.IsNullOrWhiteSpace(imported.Answers) && File.Exists(answersPath), "imported.answers", $"answer key '{imported.Answers}' not found in data/private");
        Require(!string.IsNullOrWhiteSpace(imported.SampleSubmission) && File.Exists(Path.Combine(publicDirectory, imported.SampleSubmission ?? "")),
            "imported.sample_submission", $"'{imported.SampleSubmission}' not found in data/public");
        Require(!string.IsNullOrWhiteSpace(imported.IdColumn), "imported.id_column", "is required");
        var targets = imported.TargetColumns ?? [];
        Require(targets.Count > 0, "imported.target_columns", "is required");
        var grader = string.IsNullOrWhiteSpace(imported.Grader) ? null : imported.Grader;
        if (grader is not null)
        {
            Require(File.Exists(Path.Combine(directory, grader)), "imported.grader", $"'{grader}' not found in the competition folder");
        }

        var metric = y.Metric;
        Require(!string.IsNullOrWhiteSpace(metric?.Name), "metric.name", "is required");
        Require(metric?.HigherIsBetter is not null, "metric.higher_is_better", "is required (true or false)");
        var kind = CompetitionSpecLoader.ParseKind(y.Submission?.Kind);
        Require(kind is not null, "submission.kind", $"'{y.Submission?.Kind}' must be one of {string.Join(", ", CompetitionSpecLoader.KindNames.Keys)}");
        if (grader is not null)
        {
            Require(metric?.Name?.StartsWith(ExternalMetricPrefix, StringComparison.Ordinal) == true, "metric.name", $"must start with '{ExternalMetricPrefix}' when imported.grader is set");
        }
        else if (!string.IsNullOrWhiteSpace(metric?.Name))
        {
            try
            {
                var built = MetricRegistry.Create(metric.Name, metric.Parameters ?? []);
                Require(metric.HigherIsBetter is null || built.HigherIsBetter == metric.HigherIsBetter, "metric.higher_is_better", $"disagrees with {built.Name}");
                // Imported label competitions take any text (an open label set, compared exactly, as their own graders do).
                Require(kind is null || built.Kind == kind || (built.Kind == PredictionKind.Label && kind == PredictionKind.Text), "submission.kind",
                    $"is {y.Submission?.Kind} but metric {built.Name} needs {CompetitionSpecLoader.KindName(built.Kind)}");
            }
            catch (ArgumentException ex)
            {
                problems.Add($"metric: {ex.Message}");
            }
        }

        Require(y.Split?.Seed is not null, "split.seed", "is required");
        var publicFraction = y.Split?.PublicFraction ?? 0.3;
        Require(publicFraction is > 0 and < 1, "split.public_fraction", $"{publicFraction} must be between 0 and 1");
        Require(!string.IsNullOrWhiteSpace(y.Source?.Name), "source.name", "is required");
        Require(!string.IsNullOrWhiteSpace(y.Source?.Licence), "source.licence", "is required");
        if (problems.Count > 0)
        {
            throw new CompetitionSpecException(specPath, problems);
        }

        var leaderboard = Path.Combine(directory, "leaderboard.csv");
        var publicLeaderboard = Path.Combine(directory, "public_leaderboard.csv");
        return new CompetitionSpec
        {
            Id = y.Id!,
            Title = y.Title!,
            Category = y.Category!,
            Task = y.Task ?? y.Category!,
            Tags = y.Tags ?? [],
            Directory = directory,
            SpecPath = specPath,
            DescriptionPath = descriptionPath,
            Data = new DataSpec
            {
                // The data manifest stands in for the raw table: it is only fingerprinted into the preparer's cache key
                // (ImportedPreparation builds from data/, never reads it as a table).
                Source = Competitions.RawSources.RawSourceSpec.Csv(manifest),
                IdColumn = imported.IdColumn!,
                RawTargets = targets,
                TargetColumns = targets,
            },
            Split = new SplitSpec { Seed = y.Split!.Seed!.Value, PublicFraction = publicFraction },
            Metric = new MetricSpec { Name = metric!.Name!, HigherIsBetter = metric.HigherIsBetter!.Value, Parameters = metric.Parameters ?? [] },
            Submission = new SubmissionSpec
            {
                Kind = kind!.Value,
                Classes = y.Submission?.Classes ?? [],
                MaxBytes = y.Submission?.MaxBytes ?? 50L * 1024 * 1024,
            },
            Scores = y.Scores is { Baseline: { } b, Reference: { } r } && b != r ? new ScoreAnchors(b, r, y.Scores.Reproduce) : null,
            Budgets = new BudgetHints { MaxSteps = y.Budgets?.MaxSteps, RunTimeoutSeconds = y.Budgets?.RunTimeoutS },
            Source = new SourceSpec { Name = y.Source!.Name!, Package = y.Source.Package, Object = y.Source.Object, Licence = y.Source.Licence!, Url = y.Source.Url },
            Leakage = y.Leakage ?? [],
            LeaderboardPath = File.Exists(leaderboard) ? leaderboard : null,
            Imported = new ImportedSpec
            {
                Format = imported.Format!,
                OriginalId = imported.OriginalId ?? y.Id!,
                SourcePath = imported.SourcePath,
                PublicDirectory = publicDirectory,
                AnswersPath = answersPath,
                SampleSubmission = imported.SampleSubmission!,
                GraderScript = grader,
                PublicLeaderboardPath = File.Exists(publicLeaderboard) ? publicLeaderboard : null,
                Rows = imported.Rows ?? 0,
            },
        };
    }
}
