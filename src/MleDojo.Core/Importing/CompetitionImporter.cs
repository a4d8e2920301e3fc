using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using MleDojo.Core.Competitions;
using MleDojo.Core.Data;
using MleDojo.Core.Grading;
using MleDojo.Core.Metrics;
using YamlDotNet.Serialization;

namespace MleDojo.Core.Importing;

/// <summary>
/// Imports an MLE-bench or MLE-Dojo competition folder plus the user's Kaggle download into a competition folder of
/// ours: the description, the leaderboards, the metric (library metric from <see cref="KnownMetrics"/>, else the
/// folder's own grader) and the split (the folder's prepare.py, run in isolation without network).
/// </summary>
public sealed partial class CompetitionImporter(IPrepareRunner runner)
{
    /// <summary>Runs the import; the folder appears only when every step succeeded.</summary>
    /// <exception cref="ImportException">Anything that stops the import, with what to do about it.</exception>
    public async Task<ImportResult> ImportAsync(ImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = SourceFolderReader.Read(request.Format, request.SourceDirectory);
        var dataPath = Path.GetFullPath(request.DataPath);
        if (!File.Exists(dataPath) && !Directory.Exists(dataPath))
        {
            throw new ImportException($"{request.DataPath} does not exist: give the competition's Kaggle download (the .zip from `kaggle competitions download -c {source.OriginalId}`, or the directory it was extracted to)", ImportInput.Data);
        }

        if (request.PublicFraction is <= 0 or >= 1)
        {
            throw new ImportException($"the public fraction {request.PublicFraction} must be between 0 and 1", ImportInput.PublicFraction);
        }

        var id = request.Id ?? Regex.Replace(source.OriginalId.ToLowerInvariant(), "[^a-z0-9-]+", "-").Trim('-');
        if (!CompetitionSpecLoader.IdPattern().IsMatch(id))
        {
            throw new ImportException($"'{id}' is not a usable competition id (lower-case letters, digits and dashes): give one", ImportInput.Id);
        }

        var known = KnownMetrics.Find(source.Format, source.OriginalId);
        var grading = ChooseGrading(source, known, request);
        var warnings = new List<string>();
        var destination = Path.Combine(Path.GetFullPath(request.IntoDirectory), id);
        if (Directory.Exists(destination) && !request.Force)
        {
            throw new ImportException($"{destination} already exists: replace it, or import under another id", ImportInput.ExistingImport);
        }

        var work = Path.Combine(request.WorkDirectory, $"{id}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var (publicDir, privateDir, splitNote) = await SplitAsync(source, dataPath, work, request, cancellationToken).ConfigureAwait(false);
            ImportedFiles.RefuseLinks(publicDir);
            ImportedFiles.RefuseLinks(privateDir);
            var sample = Path.Combine(publicDir, source.SampleSubmissionFile);
            var answers = Path.Combine(privateDir, source.AnswersFile);
            if (!File.Exists(sample))
            {
                throw new ImportException($"prepare.py wrote no {source.SampleSubmissionFile} in public/ (it wrote: {ImportedFiles.Listing(publicDir)})");
            }

            if (!File.Exists(answers))
            {
                throw new ImportException($"prepare.py wrote no answer key {source.AnswersFile} in private/ (it wrote: {ImportedFiles.Listing(privateDir)}); the {source.Format} format expects it there");
            }

            var sampleHeader = CsvText.ReadAll(sample).Header;
            var (answerHeader, answerRows) = CsvText.ReadAll(answers);
            if (sampleHeader.Length < 2)
            {
                throw new ImportException($"{source.SampleSubmissionFile} has {sampleHeader.Length} column(s); a submission needs an id column and at least one prediction column");
            }

            var idColumn = sampleHeader[0];
            if (!answerHeader.Contains(idColumn, StringComparer.Ordinal))
            {
                throw new ImportException($"the answer key {source.AnswersFile} has no '{idColumn}' column, the sample submission's id column (answer columns: {string.Join(", ", answerHeader)})");
            }

            var shape = SubmissionShape(grading, sampleHeader, answerHeader, source);
            var leaderboard = CheckLeaderboard(source.LeaderboardPath, "leaderboard", warnings);
            var publicLeaderboard = CheckLeaderboard(source.PublicLeaderboardPath, "public leaderboard", warnings);
            var higherIsBetter = grading.Metric is { } metric
                ? MetricRegistry.TryGetDirection(metric, out var direction) && direction
                : request.HigherIsBetter ?? source.HigherIsBetter ?? grading.Known?.HigherIsBetter ?? (leaderboard is null ? null : LeaderboardDirection(leaderboard))
                    ?? throw new ImportException($"cannot tell whether higher or lower {Path.GetFileName(grading.Script)} scores are better (no direction in the code, no ordered leaderboard): give the direction", ImportInput.Direction);
            if (leaderboard is null)
            {
                warnings.Add("no usable leaderboard: sessions get no position score or medal, and the reward is 0 unless the spec gets scores.baseline/reference");
            }

            var trainPath = Path.Combine(publicDir, "train.csv");
            var trainRows = File.Exists(trainPath) ? CsvText.CountRows(trainPath) : 0;

            var staging = $"{destination}.staging-{Guid.NewGuid():N}";
            try
            {
                Directory.CreateDirectory(staging);
                ImportedFiles.CopyTree(source.Directory, Path.Combine(staging, ImportedSpec.SourceDirectory), skipPycache: true);
                var data = Path.Combine(staging, ImportedSpec.DataDirectoryName);
                Directory.CreateDirectory(data);
                ImportedFiles.MoveTree(publicDir, Path.Combine(data, "public"));
                ImportedFiles.MoveTree(privateDir, Path.Combine(data, "private"));
                await ImportedFiles.WriteDataManifestAsync(staging, cancellationToken).ConfigureAwait(false);
                await File.WriteAllTextAsync(Path.Combine(staging, "description.md"), source.Description, cancellationToken).ConfigureAwait(false);
                if (leaderboard is not null)
                {
                    File.Copy(leaderboard, Path.Combine(staging, "leaderboard.csv"));
                }

                if (publicLeaderboard is not null)
                {
                    File.Copy(publicLeaderboard, Path.Combine(staging, "public_leaderboard.csv"));
                }

                var graderRelative = grading.Script is null
                    ? null
                    : $"{ImportedSpec.SourceDirectory}/{Path.GetRelativePath(source.Directory, grading.Script).Replace('\\', '/')}";
                var yaml = SpecYaml(id, source, known, request, grading, graderRelative, shape, idColumn, higherIsBetter, trainRows + answerRows.Count, splitNote);
                await File.WriteAllTextAsync(Path.Combine(staging, CompetitionSpecLoader.SpecFileName), yaml, cancellationToken).ConfigureAwait(false);

                if (Directory.Exists(destination))
                {
                    Directory.Delete(destination, recursive: true);
                }

                Directory.Move(staging, destination);
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }

            try
            {
                CompetitionSpecLoader.Load(destination);
            }
            catch (CompetitionSpecException ex)
            {
                Directory.Delete(destination, recursive: true);
                throw new ImportException($"the imported spec does not load, so nothing was kept: {ex.Message}");
            }

            int? entries = leaderboard is null ? null : Leaderboard.Load(leaderboard, higherIsBetter).Count;
            return new ImportResult(id, destination, grading.Describe(), splitNote, trainRows, answerRows.Count, entries, warnings);
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static GradingChoice ChooseGrading(SourceFolder source, KnownMetric? known, ImportRequest request)
    {
        var own = source.GraderScript is { } script && !SourceFolderReader.IsEmptyPython(script) ? script : null;
        var ownName = source.Format == ImportedSpec.MleBench ? "grade.py" : "utils/metric.py";
        if (request.UseOwnGrader)
        {
            return own is null
                ? throw new ImportException($"its own grader was asked for, but {source.Directory} has no {ownName} (or it is empty)", ImportInput.OwnGrader)
                : new GradingChoice(null, own, known);
        }

        if (known is { Mapped: true, Metric: { } metric })
        {
            return new GradingChoice(metric, null, known);
        }

        if (own is not null)
        {
            return new GradingChoice(null, own, known);
        }

        var why = known is null
            ? $"'{source.OriginalId}' is not in the known-metrics table of {source.Format} competitions"
            : $"the known-metrics table marks '{source.OriginalId}' external ({known.Note})";
        throw new ImportException($"no metric: {why}, and the folder has no {ownName} to grade with. Add {ownName} "
            + (source.Format == ImportedSpec.MleBench
                ? "with grade(submission: DataFrame, answers: DataFrame) -> float (raise mlebench.grade_helpers.InvalidSubmissionError for a bad submission)"
                : "with a mledojo.metrics.base.CompetitionMetrics subclass (evaluate(y_true, y_pred) and validate_submission(submission, ground_truth))"));
    }

    private async Task<(string Public, string Private, string Note)> SplitAsync(SourceFolder source, string dataPath, string work, ImportRequest request, CancellationToken cancellationToken)
    {
        var raw = Path.Combine(work, "raw");
        if (File.Exists(dataPath))
        {
            if (!dataPath.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                throw new ImportException($"{dataPath} is a file but not a .zip: give the Kaggle .zip or the directory it was extracted to", ImportInput.Data);
            }

            try
            {
                await ZipFile.ExtractToDirectoryAsync(dataPath, raw, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                throw new ImportException($"{dataPath} is not a readable zip: {ex.Message}", ImportInput.Data);
            }
        }
        else
        {
            raw = dataPath;
        }

        var prepare = source.PrepareScript;
        if (prepare is null || SourceFolderReader.IsEmptyPython(prepare))
        {
            // MLE-Dojo's placeholders (its DSBench competitions) come pre-split; so may a user's download.
            if (Directory.Exists(Path.Combine(raw, "public")) && Directory.Exists(Path.Combine(raw, "private")))
            {
                ImportedFiles.CopyTree(Path.Combine(raw, "public"), Path.Combine(work, "public"), skipPycache: false);
                ImportedFiles.CopyTree(Path.Combine(raw, "private"), Path.Combine(work, "private"), skipPycache: false);
                return (Path.Combine(work, "public"), Path.Combine(work, "private"), "pre-split: the data held public/ and private/ (the folder's prepare.py is empty)");
            }

            var what = prepare is null ? "has no prepare.py" : $"has an empty {Path.GetRelativePath(source.Directory, prepare)} (a placeholder)";
            throw new ImportException($"{source.Directory} {what}, so there is no split to reproduce. Either write prepare(raw, public, private) in it, "
                + $"or give as the data a directory already split into public/ (train, test, {source.SampleSubmissionFile}) and private/ ({source.AnswersFile}). "
                + "No split is invented: a guessed split would silently differ from the benchmark's.");
        }

        var outcome = await runner.RunAsync(new PrepareJob(source.Directory, prepare, raw, Path.Combine(work, "run"), request.PrepareTimeout, RawIsScratch: raw != dataPath), cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            throw new ImportException(outcome.NeededNetwork
                ? $"prepare.py tried to use the network, which it does not get: everything it reads must be in the data.\n{outcome.Detail}"
                : $"prepare.py failed:\n{outcome.Detail}");
        }

        if (!Directory.EnumerateFileSystemEntries(outcome.PublicDirectory).Any())
        {
            throw new ImportException("prepare.py finished but wrote nothing to public/");
        }

        return (outcome.PublicDirectory, outcome.PrivateDirectory, $"the folder's {Path.GetRelativePath(source.Directory, prepare)}, run in the sandbox without network");
    }

    private static (string Kind, IReadOnlyList<string> Targets, IReadOnlyList<string> Classes) SubmissionShape(GradingChoice grading, string[] sampleHeader, string[] answerHeader, SourceFolder source)
    {
        var predictions = sampleHeader[1..];
        if (grading.Metric is null)
        {
            return ("text", predictions, []);
        }

        var info = MetricRegistry.TryGetInfo(grading.Metric, out var found) ? found : throw new ImportException($"table metric '{grading.Metric}' is not in the metric library");
        var kind = info.Kind;
        if (kind is PredictionKind.ClassProbabilities)
        {
            var others = answerHeader.Where(h => h != sampleHeader[0]).ToList();
            if (others.Count == 1)
            {
                return ("class_probabilities", others, predictions);
            }

            if (predictions.All(answerHeader.Contains))
            {
                return ("class_probabilities", [ImportedPreparation.DerivedLabelColumn], predictions);
            }

            throw new ImportException($"{grading.Metric} needs the true class per row, but the answer key {source.AnswersFile} has neither one label column nor the class columns {string.Join(", ", predictions.Take(5))}: grade with the folder's own grader", ImportInput.OwnGrader);
        }

        if (kind is PredictionKind.Values)
        {
            return ("values", predictions, []);
        }

        if (predictions.Length != 1)
        {
            throw new ImportException($"{grading.Metric} scores one prediction column, but {source.SampleSubmissionFile} has {predictions.Length} ({string.Join(", ", predictions.Take(5))}): grade with the folder's own grader", ImportInput.OwnGrader);
        }

        if (!answerHeader.Contains(predictions[0], StringComparer.Ordinal))
        {
            throw new ImportException($"the answer key {source.AnswersFile} has no '{predictions[0]}' column to score {grading.Metric} on (answer columns: {string.Join(", ", answerHeader)}): grade with the folder's own grader", ImportInput.OwnGrader);
        }

        // Label metrics take any text: an open label set compared exactly, as the sources' graders do.
        return (kind == PredictionKind.Label ? "text" : CompetitionSpecLoader.KindName(kind), predictions, []);
    }

    private static string? CheckLeaderboard(string? path, string what, List<string> warnings)
    {
        if (path is null)
        {
            return null;
        }

        var first = File.ReadLines(path).FirstOrDefault() ?? "";
        if (first.StartsWith("version https://git-lfs", StringComparison.Ordinal))
        {
            warnings.Add($"{path} is a Git LFS pointer, not the {what}: run `git lfs pull` in the source checkout and import again");
            return null;
        }

        try
        {
            Leaderboard.Load(path, higherIsBetter: true);
            return path;
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException)
        {
            warnings.Add($"{path} is not a usable {what} (rank,score): {ex.Message}");
            return null;
        }
    }

    private static bool? LeaderboardDirection(string path)
    {
        // MLE-bench's rule: the leaderboard is ordered best first, so a top score below the bottom one means lower is better.
        var (header, rows) = CsvText.ReadAll(path);
        var score = Array.FindIndex(header, h => h.Equals("score", StringComparison.OrdinalIgnoreCase));
        var scores = rows.Select(r => double.TryParse(r[score], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).Where(double.IsFinite).ToList();
        return scores.Count < 2 || scores[0] == scores[^1] ? null : scores[0] > scores[^1];
    }

    private static string SpecYaml(string id, SourceFolder source, KnownMetric? known, ImportRequest request, GradingChoice grading, string? graderRelative,
        (string Kind, IReadOnlyList<string> Targets, IReadOnlyList<string> Classes) shape, string idColumn, bool higherIsBetter, int rows, string splitNote)
    {
        var category = request.Category ?? known?.Category ?? "tabular";
        var spec = new Dictionary<string, object?>
        {
            ["id"] = id,
            ["title"] = source.Title,
            ["category"] = category,
            ["task"] = $"imported from {source.Format} ({source.OriginalId})",
            ["tags"] = new[] { category, "imported", source.Format },
            ["imported"] = new Dictionary<string, object?>
            {
                ["format"] = source.Format,
                ["original_id"] = source.OriginalId,
                ["source_path"] = source.Directory,
                ["answers"] = source.AnswersFile,
                ["sample_submission"] = source.SampleSubmissionFile,
                ["id_column"] = idColumn,
                ["target_columns"] = shape.Targets,
                ["grader"] = graderRelative,
                ["rows"] = rows,
                ["imported_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            },
            ["split"] = new Dictionary<string, object?> { ["seed"] = request.Seed, ["public_fraction"] = request.PublicFraction },
            ["metric"] = new Dictionary<string, object?>
            {
                ["name"] = grading.Metric ?? $"{ImportedSpecLoader.ExternalMetricPrefix}:{source.GraderName ?? Path.GetFileName(grading.Script)}",
                ["higher_is_better"] = higherIsBetter,
                ["parameters"] = grading.Metric is null ? new Dictionary<string, object?>() : known!.Parameters,
            },
            ["submission"] = shape.Classes.Count > 0
                ? new Dictionary<string, object?> { ["kind"] = shape.Kind, ["classes"] = shape.Classes }
                : new Dictionary<string, object?> { ["kind"] = shape.Kind },
            ["source"] = new Dictionary<string, object?>
            {
                ["name"] = $"Kaggle competition {source.OriginalId}, split by {source.Format}",
                ["licence"] = "Kaggle competition rules (the user's own download; not redistributable)",
                ["url"] = $"https://www.kaggle.com/competitions/{source.OriginalId}",
            },
            ["leakage"] = new[]
            {
                $"Split: {splitNote}; the test rows come from Kaggle's public training data, so they can be joined back to public copies of it by id or content.",
                "Ids are the source's own, not fresh ones.",
                $"Public/Private partition of the answer rows: seeded (seed {request.Seed}, public fraction {request.PublicFraction.ToString(CultureInfo.InvariantCulture)}); {source.Format} itself scores the whole test set.",
            },
        };
        if (graderRelative is null)
        {
            ((Dictionary<string, object?>)spec["imported"]!).Remove("grader");
        }

        return "# Written by `mledojo import`; re-import rather than edit (data/ must match data/import-manifest.json).\n"
            + new SerializerBuilder().Build().Serialize(spec);
    }


    private sealed record GradingChoice(string? Metric, string? Script, KnownMetric? Known)
    {
        public string Describe() => Metric is not null
            ? $"library metric {Metric}{(Known!.Parameters.Count > 0 ? $" ({string.Join(", ", Known.Parameters.Select(p => $"{p.Key}={p.Value}"))})" : "")} from the known-metrics table"
            : $"the folder's own {Path.GetFileName(Script)} in a separate grader process"
                + (Known is { Mapped: false } ? $" (the table marks it external: {Known.Note})" : Known is null ? " (not in the known-metrics table)" : "");
    }
}
