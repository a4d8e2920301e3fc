using System.Globalization;
using MleDojo.Core.Competitions;
using MleDojo.Core.Data;
using MleDojo.Core.Metrics;

namespace MleDojo.Core.Importing;

/// <summary>
/// Preparation of an imported competition: prepare.py already split the data at import, so this copies its public
/// files, and turns its answer key into <c>private/answers.csv</c> with a seeded Public/Private <c>Usage</c> partition
/// (MLE-bench and MLE-Dojo score the whole test set; we need Kaggle's two leaderboards).
/// </summary>
internal static class ImportedPreparation
{
    // The same stream constant as SplitLayout's partition, so imported and built competitions partition alike.
    private const ulong PartitionStream = 0x5055424C49435EEDUL;

    /// <summary>The label column written for class-probability competitions whose answer key is one-hot.</summary>
    public const string DerivedLabelColumn = "label";

    public static async Task<PreparationManifest> BuildAsync(CompetitionSpec spec, string staging, string inputSha, CancellationToken cancellationToken)
    {
        var imported = spec.Imported!;
        var publicDir = Path.Combine(staging, "public");
        CopyTree(imported.PublicDirectory, publicDir);
        var sample = Path.Combine(publicDir, "sample_submission.csv");
        if (!File.Exists(sample))
        {
            File.Copy(Path.Combine(imported.PublicDirectory, imported.SampleSubmission), sample);
        }

        var privateDir = Directory.CreateDirectory(Path.Combine(staging, "private")).FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(privateDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var (header, rows) = CsvText.ReadAll(imported.AnswersPath);
        var idIndex = Array.IndexOf(header, spec.Data.IdColumn);
        if (idIndex < 0)
        {
            throw Problem(spec, $"the answer key {Path.GetFileName(imported.AnswersPath)} has no '{spec.Data.IdColumn}' column (columns: {string.Join(", ", header)})");
        }

        if (rows.Count < 2)
        {
            throw Problem(spec, $"the answer key has {rows.Count} rows; a public and a private part need at least 2");
        }

        var isPublic = Partition(rows.Count, spec.Split);
        var usage = isPublic.Select(p => p ? "Public" : "Private").ToArray();
        IReadOnlyList<string> classes;
        if (imported.GraderScript is not null)
        {
            // Our answers.csv only carries the ids and the partition (for the id checks); the grader gets the original columns.
            WriteCsv(Path.Combine(privateDir, PreparedCompetition.AnswersFileName), [spec.Data.IdColumn, .. spec.Data.TargetColumns, PreparedCompetition.UsageColumn],
                rows.Select((r, i) => (string[])[r[idIndex], .. spec.Data.TargetColumns.Select(_ => ""), usage[i]]));
            WriteCsv(Path.Combine(privateDir, ImportedSpec.GraderAnswersFile), [.. header, PreparedCompetition.UsageColumn],
                rows.Select((r, i) => (string[])[.. r, usage[i]]));
            classes = [];
        }
        else
        {
            var targets = TargetValues(spec, header, rows);
            WriteCsv(Path.Combine(privateDir, PreparedCompetition.AnswersFileName), [spec.Data.IdColumn, .. spec.Data.TargetColumns, PreparedCompetition.UsageColumn],
                rows.Select((r, i) => (string[])[r[idIndex], .. targets[i], usage[i]]));
            classes = Classes(spec, targets);
        }

        var files = await Sha256File.ComputeTreeAsync(staging, cancellationToken).ConfigureAwait(false);

        var trainPath = Path.Combine(publicDir, "train.csv");
        var publicRows = isPublic.Count(p => p);
        return new PreparationManifest
        {
            CompetitionId = spec.Id,
            PreparerVersion = CompetitionPreparer.Version,
            InputSha256 = inputSha,
            TrainRows = File.Exists(trainPath) ? CsvText.CountRows(trainPath) : 0,
            TestRows = rows.Count,
            PublicRows = publicRows,
            PrivateRows = rows.Count - publicRows,
            DroppedRows = 0,
            Classes = classes,
            Files = files,
        };
    }

    /// <summary>Seeded Public/Private flags for the answer rows, in file order.</summary>
    public static bool[] Partition(int count, SplitSpec split)
    {
        var positions = Enumerable.Range(0, count).ToList();
        new SplitMix64(split.Seed ^ PartitionStream).Shuffle(positions);
        var publicCount = Math.Clamp((int)Math.Round(count * split.PublicFraction, MidpointRounding.AwayFromZero), 1, count - 1);
        var isPublic = new bool[count];
        foreach (var position in positions.Take(publicCount))
        {
            isPublic[position] = true;
        }

        return isPublic;
    }

    private static string[][] TargetValues(CompetitionSpec spec, string[] header, List<string[]> rows)
    {
        if (spec.Submission.Kind == PredictionKind.ClassProbabilities && spec.Data.TargetColumns[0] == DerivedLabelColumn && Array.IndexOf(header, DerivedLabelColumn) < 0)
        {
            // A one-hot answer key (MLE-bench's df_to_one_hot): the label is the class whose column holds the largest value.
            var classColumns = spec.Submission.Classes.Select(c => (Class: c, Index: Array.IndexOf(header, c))).ToList();
            var missing = classColumns.Where(c => c.Index < 0).Select(c => c.Class).ToList();
            if (missing.Count > 0)
            {
                throw Problem(spec, $"the one-hot answer key lacks class columns {string.Join(", ", missing.Take(5))}");
            }

            return [.. rows.Select(r => new[] { classColumns.MaxBy(c => double.Parse(r[c.Index], NumberStyles.Float, CultureInfo.InvariantCulture)).Class })];
        }

        var indices = spec.Data.TargetColumns.Select(c => (Column: c, Index: Array.IndexOf(header, c))).ToList();
        if (indices.FirstOrDefault(c => c.Index < 0) is { Column: { } absent })
        {
            throw Problem(spec, $"the answer key {Path.GetFileName(spec.Imported!.AnswersPath)} has no '{absent}' column (columns: {string.Join(", ", header)})");
        }

        return [.. rows.Select(r => indices.Select(c => r[c.Index]).ToArray())];
    }

    private static IReadOnlyList<string> Classes(CompetitionSpec spec, string[][] targets) => spec.Submission.Kind switch
    {
        PredictionKind.ClassProbabilities => spec.Submission.Classes,
        PredictionKind.Probability => ["0", "1"],
        PredictionKind.Label => spec.Submission.Classes.Count > 0
            ? spec.Submission.Classes
            : [.. targets.Select(t => t[0]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        _ => [],
    };


    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    private static void WriteCsv(string path, IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        using var writer = CsvText.CreateWriter(path);
        CsvText.WriteLine(writer, header);
        foreach (var row in rows)
        {
            CsvText.WriteLine(writer, row);
        }
    }

    private static CompetitionSpecException Problem(CompetitionSpec spec, string problem) =>
        new(spec.SpecPath, [$"imported data: {problem}"]);
}
