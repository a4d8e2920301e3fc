using System.Text.RegularExpressions;
using MleDojo.Core.Competitions.RawSources;
using MleDojo.Core.Metrics;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MleDojo.Core.Competitions;

/// <summary>Reads and validates <c>competition.yaml</c> files.</summary>
public static partial class CompetitionSpecLoader
{
    /// <summary>The spec file name inside a competition folder.</summary>
    public const string SpecFileName = "competition.yaml";

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>Loads the competition in <paramref name="directory"/>.</summary>
    /// <exception cref="CompetitionSpecException">The spec is missing, unparsable or invalid; the message lists every problem.</exception>
    public static CompetitionSpec Load(string directory)
    {
        directory = Path.GetFullPath(directory);
        var specPath = Path.Combine(directory, SpecFileName);
        if (!File.Exists(specPath))
        {
            throw new CompetitionSpecException(specPath, ["file not found"]);
        }

        CompetitionYaml? yaml;
        try
        {
            yaml = Deserializer.Deserialize<CompetitionYaml>(File.ReadAllText(specPath));
        }
        catch (YamlException ex)
        {
            var detail = ex.InnerException?.Message ?? ex.Message;
            throw new CompetitionSpecException(specPath, [$"line {ex.Start.Line}, column {ex.Start.Column}: {detail}"]);
        }

        return Validate(yaml ?? new CompetitionYaml(), directory, specPath);
    }

    private static CompetitionSpec Validate(CompetitionYaml y, string directory, string specPath)
    {
        if (y.Imported is not null)
        {
            return Importing.ImportedSpecLoader.Validate(y, directory, specPath);
        }

        var problems = new List<string>();
        void Require(bool ok, string field, string problem)
        {
            if (!ok)
            {
                problems.Add($"{field}: {problem}");
            }
        }

        var folderName = Path.GetFileName(directory);
        Require(!string.IsNullOrWhiteSpace(y.Id), "id", "is required");
        if (!string.IsNullOrWhiteSpace(y.Id))
        {
            Require(IdPattern().IsMatch(y.Id), "id", $"'{y.Id}' must be lower-case letters, digits and dashes");
            Require(y.Id == folderName, "id", $"'{y.Id}' must equal the folder name '{folderName}'");
        }

        Require(!string.IsNullOrWhiteSpace(y.Title), "title", "is required");
        Require(y.Category is "tabular" or "nlp" or "cv" or "time-series", "category", $"'{y.Category}' must be one of tabular, nlp, cv, time-series");

        var descriptionPath = Path.Combine(directory, "description.md");
        Require(File.Exists(descriptionPath), "description.md", "file not found next to competition.yaml");

        var data = y.Data;
        Require(data is not null, "data", "section is required");
        var source = ValidateSource(data, directory, problems);

        Require(!string.IsNullOrWhiteSpace(data?.IdColumn), "data.id_column", "is required");
        var rawTargets = data?.Targets ?? (data?.Target is null ? [] : [data.Target]);
        Require(rawTargets.Count > 0, "data.target", "is required (or data.targets for several)");
        var targetColumns = data?.TargetColumns ?? (data?.TargetColumn is null ? rawTargets : [data.TargetColumn]);
        Require(targetColumns.Count == rawTargets.Count, "data.target_columns", $"has {targetColumns.Count} names for {rawTargets.Count} targets");
        if (data?.BinarizeTargetAt is { } threshold)
        {
            Require(double.IsFinite(threshold), "data.binarize_target_at", "must be a finite number");
            Require(data.TargetMap is not { Count: > 0 }, "data.binarize_target_at", "cannot be combined with data.target_map");
            Require(rawTargets.Count == 1, "data.binarize_target_at", "needs exactly one target column");
        }

        var drops = new List<DroppedColumn>();
        foreach (var (drop, i) in (data?.DropColumns ?? []).Select((d, i) => (d, i)))
        {
            Require(!string.IsNullOrWhiteSpace(drop.Name), $"data.drop_columns[{i}].name", "is required");
            Require(!string.IsNullOrWhiteSpace(drop.Reason), $"data.drop_columns[{i}].reason", "is required: say why the column is dropped");
            drops.Add(new DroppedColumn(drop.Name ?? "", drop.Reason ?? ""));
        }

        var split = y.Split;
        Require(split?.Seed is not null, "split.seed", "is required");
        var testFraction = split?.TestFraction ?? 0.3;
        var publicFraction = split?.PublicFraction ?? 0.3;
        Require(testFraction is > 0 and < 1, "split.test_fraction", $"{testFraction} must be between 0 and 1");
        Require(publicFraction is > 0 and < 1, "split.public_fraction", $"{publicFraction} must be between 0 and 1");
        Require(split?.TimeCut is null || split.TimeColumn is not null, "split.time_cut", "needs split.time_column");
        Require(split?.ShuffleTies is not true || split.TimeColumn is not null, "split.shuffle_ties", "needs split.time_column (random splits are shuffled anyway)");
        Require(split?.GroupColumn is null || split.TimeColumn is null, "split.group_column", "cannot be combined with split.time_column: a split is either by time or by group; choose one");
        Require(split?.GroupColumn is null || !string.IsNullOrWhiteSpace(split.GroupColumn), "split.group_column", "is empty; name a raw column or remove the key");

        var metric = y.Metric;
        Require(!string.IsNullOrWhiteSpace(metric?.Name), "metric.name", "is required");
        Require(metric?.HigherIsBetter is not null, "metric.higher_is_better", "is required (true or false)");
        IMetric? built = null;
        if (!string.IsNullOrWhiteSpace(metric?.Name))
        {
            try
            {
                built = MetricRegistry.Create(metric.Name, metric.Parameters ?? []);
            }
            catch (ArgumentException ex)
            {
                problems.Add($"metric: {ex.Message}");
            }
        }

        if (built is not null && metric?.HigherIsBetter is { } declared)
        {
            Require(built.HigherIsBetter == declared, "metric.higher_is_better",
                $"is {declared.ToString().ToLowerInvariant()} but {built.Name} is {(built.HigherIsBetter ? "higher" : "lower")}-is-better");
        }

        var submission = y.Submission;
        var kind = ParseKind(submission?.Kind);
        Require(kind is not null, "submission.kind", $"'{submission?.Kind}' must be one of {string.Join(", ", KindNames.Keys)}");
        if (built is not null && kind is { } k)
        {
            Require(built.Kind == k, "submission.kind", $"is {submission?.Kind} but metric {built.Name} needs {KindName(built.Kind)}");
        }

        var classes = submission?.Classes ?? [];
        Require(kind != PredictionKind.ClassProbabilities || classes.Count >= 2, "submission.classes", "class_probabilities needs at least two classes");
        Require(kind != PredictionKind.Values || targetColumns.Count >= 2, "data.targets", "the values kind needs at least two target columns");
        Require(kind == PredictionKind.Values || targetColumns.Count == 1, "data.targets", "only the values kind takes several targets");
        Require(submission?.MaxBytes is null or > 0, "submission.max_bytes", "must be positive");

        Require(!string.IsNullOrWhiteSpace(y.Source?.Name), "source.name", "is required: record the data's provenance");
        Require(!string.IsNullOrWhiteSpace(y.Source?.Licence), "source.licence", "is required");

        ScoreAnchors? anchors = null;
        if (y.Scores is { } s)
        {
            Require(s.Baseline is not null && s.Reference is not null, "scores", "needs both baseline and reference");
            Require(s.Baseline is null || s.Reference is null || s.Baseline != s.Reference, "scores", "baseline and reference must differ");
            if (s.Baseline is { } b && s.Reference is { } r)
            {
                anchors = new ScoreAnchors(b, r, s.Reproduce);
            }
        }

        if (problems.Count > 0)
        {
            throw new CompetitionSpecException(specPath, problems);
        }

        var leaderboard = Path.Combine(directory, "leaderboard.csv");
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
                Source = source!,
                IdColumn = data!.IdColumn!,
                RawTargets = rawTargets,
                TargetColumns = targetColumns,
                TargetMap = data.TargetMap ?? [],
                BinarizeTargetAt = data.BinarizeTargetAt,
                DropRowsMissingTarget = data.DropRowsMissingTarget ?? true,
                DropColumns = drops,
                RenameColumns = data.RenameColumns ?? [],
            },
            Split = new SplitSpec
            {
                Seed = split!.Seed!.Value,
                TestFraction = testFraction,
                PublicFraction = publicFraction,
                TimeColumn = split.TimeColumn,
                TimeCut = split.TimeCut,
                ShuffleTies = split.ShuffleTies ?? false,
                GroupColumn = split.GroupColumn,
            },
            Metric = new MetricSpec
            {
                Name = metric!.Name!,
                HigherIsBetter = metric.HigherIsBetter!.Value,
                Parameters = metric.Parameters ?? [],
            },
            Submission = new SubmissionSpec
            {
                Kind = kind!.Value,
                Classes = classes,
                MaxBytes = submission?.MaxBytes ?? 50L * 1024 * 1024,
            },
            Scores = anchors,
            Budgets = new BudgetHints { MaxSteps = y.Budgets?.MaxSteps, RunTimeoutSeconds = y.Budgets?.RunTimeoutS },
            Source = new SourceSpec
            {
                Name = y.Source!.Name!,
                Package = y.Source.Package,
                Object = y.Source.Object,
                Licence = y.Source.Licence!,
                Url = y.Source.Url,
            },
            Leakage = y.Leakage ?? [],
            LeaderboardPath = File.Exists(leaderboard) ? leaderboard : null,
        };
    }

    private static RawSourceSpec? ValidateSource(CompetitionYaml.DataYaml? data, string directory, List<string> problems)
    {
        if (data?.Source is null)
        {
            if (string.IsNullOrWhiteSpace(data?.Raw))
            {
                problems.Add("data.raw: is required (or data.source for data built from an installed package)");
                return null;
            }

            var rawPath = Path.GetFullPath(Path.Combine(directory, data.Raw));
            if (!File.Exists(rawPath))
            {
                problems.Add($"data.raw: file '{data.Raw}' not found in the competition folder");
            }

            return RawSourceSpec.Csv(rawPath);
        }

        var y = data.Source;
        var before = problems.Count;
        if (!string.IsNullOrWhiteSpace(data.Raw))
        {
            problems.Add("data: give either data.raw or data.source, not both");
        }

        if (!RawSourceReaders.PackageReaders.Contains(y.Reader ?? ""))
        {
            problems.Add($"data.source.reader: '{y.Reader}' must be one of {string.Join(", ", RawSourceReaders.PackageReaders)}");
        }

        PackageManager? manager = y.Package?.Manager switch
        {
            "debian" => PackageManager.Debian,
            "npm" => PackageManager.Npm,
            _ => null,
        };
        if (manager is null)
        {
            problems.Add($"data.source.package.manager: '{y.Package?.Manager}' must be debian or npm");
        }

        if (string.IsNullOrWhiteSpace(y.Package?.Name))
        {
            problems.Add("data.source.package.name: is required");
        }

        if (string.IsNullOrWhiteSpace(y.Package?.Version))
        {
            problems.Add("data.source.package.version: is required: pin the version the scores were calibrated on");
        }

        var files = y.Files ?? [];
        if (files.Count == 0)
        {
            problems.Add("data.source.files: name at least one file of the package");
        }

        if (manager == PackageManager.Debian && files.Any(f => !Path.IsPathRooted(f)))
        {
            problems.Add("data.source.files: Debian package files are absolute paths (for example /usr/share/...)");
        }

        if (manager == PackageManager.Npm && files.Any(f => Path.IsPathRooted(f) || f.Split('/').Contains("..")))
        {
            problems.Add("data.source.files: npm package files are relative to the package folder");
        }

        return problems.Count > before ? null : new RawSourceSpec
        {
            Reader = y.Reader!,
            Package = new PackageReference(manager!.Value, y.Package!.Name!, y.Package.Version!),
            Files = files,
            Options = y.Options ?? [],
        };
    }

    internal static readonly Dictionary<string, PredictionKind> KindNames = new(StringComparer.Ordinal)
    {
        ["label"] = PredictionKind.Label,
        ["probability"] = PredictionKind.Probability,
        ["class_probabilities"] = PredictionKind.ClassProbabilities,
        ["value"] = PredictionKind.Value,
        ["values"] = PredictionKind.Values,
        ["text"] = PredictionKind.Text,
        ["ranked_list"] = PredictionKind.RankedList,
    };

    /// <summary>The snake_case name of a prediction kind, as written in competition.yaml.</summary>
    public static string KindName(PredictionKind kind) => KindNames.First(p => p.Value == kind).Key;

    internal static PredictionKind? ParseKind(string? name) =>
        name is not null && KindNames.TryGetValue(name, out var kind) ? kind : null;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    internal static partial Regex IdPattern();
}
