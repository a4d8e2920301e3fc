using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MleDojo.Core.Importing;

/// <summary>Reads MLE-bench and MLE-Dojo competition folders; every problem is named with the file it concerns.</summary>
public static partial class SourceFolderReader
{
    /// <summary>Reads a folder in the given format (<c>mle-bench</c> or <c>mle-dojo</c>).</summary>
    /// <exception cref="ImportException">The folder is missing or is not in that format.</exception>
    public static SourceFolder Read(string format, string directory)
    {
        directory = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new ImportException($"competition folder {directory} does not exist");
        }

        return format switch
        {
            ImportedSpec.MleBench => ReadMleBench(directory),
            ImportedSpec.MleDojo => ReadMleDojo(directory),
            _ => throw new ImportException($"unknown format '{format}': use {ImportedSpec.MleBench} or {ImportedSpec.MleDojo}"),
        };
    }

    /// <summary>True when a Python file has no code (MLE-Dojo ships 75 such placeholder prepare.py files).</summary>
    public static bool IsEmptyPython(string path) =>
        File.ReadLines(path).Select(l => l.Trim()).All(l => l.Length == 0 || l.StartsWith('#'));

    private static SourceFolder ReadMleBench(string directory)
    {
        var configPath = Path.Combine(directory, "config.yaml");
        if (!File.Exists(configPath))
        {
            throw new ImportException($"{directory} is not an MLE-bench competition folder: config.yaml not found (expected mlebench/competitions/<id>/ with config.yaml, description.md, grade.py, prepare.py, leaderboard.csv)");
        }

        YamlMappingNode config;
        try
        {
            var stream = new YamlStream();
            using var reader = new StringReader(File.ReadAllText(configPath));
            stream.Load(reader);
            config = stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode map ? map : throw new ImportException($"{configPath}: not a YAML mapping");
        }
        catch (YamlException ex)
        {
            throw new ImportException($"{configPath}: {ex.Message}");
        }

        var id = Scalar(config, "id") ?? Path.GetFileName(directory);
        var descriptionPath = Path.Combine(directory, "description.md");
        if (!File.Exists(descriptionPath))
        {
            throw new ImportException($"{descriptionPath} not found: MLE-bench competitions carry their Kaggle overview there");
        }

        return new SourceFolder
        {
            Format = ImportedSpec.MleBench,
            Directory = directory,
            OriginalId = id,
            Title = Scalar(config, "name") ?? id,
            Description = File.ReadAllText(descriptionPath),
            PrepareScript = Existing(Path.Combine(directory, "prepare.py")),
            GraderScript = Existing(Path.Combine(directory, "grade.py")),
            GraderName = Scalar(config, "grader", "name"),
            LeaderboardPath = Existing(Path.Combine(directory, "leaderboard.csv")),
            AnswersFile = AfterPrivate(Scalar(config, "dataset", "answers"), "private") ?? "test.csv",
            SampleSubmissionFile = AfterPrivate(Scalar(config, "dataset", "sample_submission"), "public") ?? "sample_submission.csv",
        };
    }

    private static SourceFolder ReadMleDojo(string directory)
    {
        var info = Path.Combine(directory, "info");
        var utils = Path.Combine(directory, "utils");
        if (!System.IO.Directory.Exists(info) && !System.IO.Directory.Exists(utils))
        {
            throw new ImportException($"{directory} is not an MLE-Dojo competition folder: neither info/ nor utils/ found (expected mledojo/competitions/<id>/ with info/description.txt, info/*_leaderboard.csv, utils/metric.py, utils/prepare.py)");
        }

        var descriptionPath = Path.Combine(info, "description.txt");
        if (!File.Exists(descriptionPath))
        {
            throw new ImportException($"{descriptionPath} not found: MLE-Dojo competitions carry their Kaggle overview there");
        }

        var id = Path.GetFileName(directory);
        var metric = Existing(Path.Combine(utils, "metric.py"));
        bool? direction = null;
        if (metric is not null && HigherIsBetterDefault().Match(File.ReadAllText(metric)) is { Success: true } match)
        {
            direction = match.Groups[1].Value == "True";
        }

        return new SourceFolder
        {
            Format = ImportedSpec.MleDojo,
            Directory = directory,
            OriginalId = id,
            Title = string.Join(' ', id.Split('-', '_').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..])),
            Description = File.ReadAllText(descriptionPath),
            PrepareScript = Existing(Path.Combine(utils, "prepare.py")),
            GraderScript = metric,
            LeaderboardPath = Existing(Path.Combine(info, "private_leaderboard.csv")),
            PublicLeaderboardPath = Existing(Path.Combine(info, "public_leaderboard.csv")),
            AnswersFile = "test_answer.csv",
            SampleSubmissionFile = "sample_submission.csv",
            HigherIsBetter = direction,
        };
    }

    private static string? Existing(string path) => File.Exists(path) ? path : null;

    // "spaceship-titanic/prepared/private/test.csv" -> "test.csv"
    private static string? AfterPrivate(string? path, string part)
    {
        if (path is null)
        {
            return null;
        }

        var marker = $"/{part}/";
        var at = path.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? Path.GetFileName(path) : path[(at + marker.Length)..];
    }

    private static string? Scalar(YamlMappingNode node, params string[] keys)
    {
        YamlNode current = node;
        foreach (var key in keys)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            current = next;
        }

        return current is YamlScalarNode { Value: { Length: > 0 } value } ? value : null;
    }

    [GeneratedRegex(@"higher_is_better\s*:\s*bool\s*=\s*(True|False)")]
    private static partial Regex HigherIsBetterDefault();
}
