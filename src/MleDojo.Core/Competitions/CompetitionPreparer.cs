using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using MleDojo.Core.Competitions.RawSources;
using MleDojo.Core.Data;
using MleDojo.Core.Metrics;

namespace MleDojo.Core.Competitions;

/// <summary>
/// Turns raw data and a spec into prepared files: a pure, seeded, checksummed function, cached under the data
/// root and rebuilt only when the spec, the raw data or the algorithm changes.
/// </summary>
public sealed class CompetitionPreparer(DataRoot dataRoot, DatasetPackages? packages = null)
{
    private readonly DatasetPackages _packages = packages ?? DatasetPackages.FromEnvironment(dataRoot);

    /// <summary>Bump when the algorithm changes output bytes, so every cache is rebuilt.</summary>
    public const int Version = 1;

    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true };
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>Returns the prepared competition, preparing it first when the cache is missing or stale.</summary>
    /// <exception cref="CompetitionSpecException">The raw data does not fit the spec (missing column, unmapped target value...).</exception>
    /// <exception cref="MissingPackageException">The raw data comes from a package that is not installed.</exception>
    public async Task<PreparedCompetition> PrepareAsync(CompetitionSpec spec, bool force = false, CancellationToken cancellationToken = default)
    {
        var gate = _locks.GetOrAdd(spec.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var root = Path.Combine(dataRoot.Prepared, spec.Id);
            var source = RawSourceReaders.Open(spec, _packages);
            var inputSha = await ComputeInputShaAsync(spec, source, cancellationToken).ConfigureAwait(false);
            if (!force && TryReadManifest(root) is { } cached && cached.InputSha256 == inputSha && AllFilesPresent(root, cached))
            {
                return new PreparedCompetition(spec, root, cached);
            }

            var staging = $"{root}.staging-{Guid.NewGuid():N}";
            try
            {
                var manifest = await BuildAsync(spec, source, staging, inputSha, cancellationToken).ConfigureAwait(false);

                // Written here for every kind of competition (imported ones included): it is the cache's key.
                await File.WriteAllTextAsync(Path.Combine(staging, "manifest.json"), JsonSerializer.Serialize(manifest, ManifestJson), cancellationToken).ConfigureAwait(false);
                if (Directory.Exists(root))
                {
                    Directory.Delete(root, recursive: true);
                }

                Directory.Move(staging, root);
                return new PreparedCompetition(spec, root, manifest);
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Re-hashes every prepared file and returns the relative paths whose bytes differ from the manifest.</summary>
    public static async Task<IReadOnlyList<string>> VerifyAsync(PreparedCompetition prepared, CancellationToken cancellationToken = default)
    {
        var bad = new List<string>();
        foreach (var (relative, sha) in prepared.Manifest.Files)
        {
            var path = Path.Combine(prepared.RootDirectory, relative);
            if (!File.Exists(path) || await Sha256File.ComputeAsync(path, cancellationToken).ConfigureAwait(false) != sha)
            {
                bad.Add(relative);
            }
        }

        return bad;
    }

    private static async Task<string> ComputeInputShaAsync(CompetitionSpec spec, IRawSource source, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(BitConverter.GetBytes(Version));
        hash.AppendData(await File.ReadAllBytesAsync(spec.SpecPath, cancellationToken).ConfigureAwait(false));
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(await source.FingerprintAsync(cancellationToken).ConfigureAwait(false)));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static PreparationManifest? TryReadManifest(string root)
    {
        var path = Path.Combine(root, "manifest.json");
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<PreparationManifest>(File.ReadAllText(path)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool AllFilesPresent(string root, PreparationManifest manifest) =>
        manifest.Files.Keys.All(f => File.Exists(Path.Combine(root, f)));

    private static async Task<PreparationManifest> BuildAsync(CompetitionSpec spec, IRawSource source, string staging, string inputSha, CancellationToken cancellationToken)
    {
        if (spec.Imported is not null)
        {
            return await Importing.ImportedPreparation.BuildAsync(spec, staging, inputSha, cancellationToken).ConfigureAwait(false);
        }

        var table = await RawTable.LoadAsync(spec, source, cancellationToken).ConfigureAwait(false);
        var layout = SplitLayout.Create(spec, table);
        var classes = ResolveClasses(spec, table);

        var publicDir = Directory.CreateDirectory(Path.Combine(staging, "public")).FullName;
        var privateDir = Directory.CreateDirectory(Path.Combine(staging, "private")).FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(privateDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var id = spec.Data.IdColumn;
        WriteCsv(Path.Combine(publicDir, "train.csv"),
            [id, .. table.FeatureNames, .. spec.Data.TargetColumns],
            layout.Train.Select((row, i) => (string[])[layout.TrainIds[i], .. table.Features(row), .. table.Targets(row)]));
        WriteCsv(Path.Combine(publicDir, "test.csv"),
            [id, .. table.FeatureNames],
            layout.Test.Select((row, i) => (string[])[layout.TestIds[i], .. table.Features(row)]));
        var sample = SampleSubmission.Create(spec, classes, layout.Train.Select(table.Targets).ToList());
        WriteCsv(Path.Combine(publicDir, "sample_submission.csv"),
            [id, .. sample.Columns],
            layout.TestIds.Select(testId => (string[])[testId, .. sample.Values]));
        WriteCsv(Path.Combine(privateDir, "answers.csv"),
            [id, .. spec.Data.TargetColumns, PreparedCompetition.UsageColumn],
            layout.Test.Select((row, i) => (string[])[layout.TestIds[i], .. table.Targets(row), layout.IsPublic[i] ? "Public" : "Private"]));

        var files = await Sha256File.ComputeTreeAsync(staging, cancellationToken).ConfigureAwait(false);

        var publicRows = layout.IsPublic.Count(p => p);
        var manifest = new PreparationManifest
        {
            CompetitionId = spec.Id,
            PreparerVersion = Version,
            InputSha256 = inputSha,
            TrainRows = layout.Train.Count,
            TestRows = layout.Test.Count,
            PublicRows = publicRows,
            PrivateRows = layout.Test.Count - publicRows,
            DroppedRows = table.DroppedRows,
            Classes = classes,
            Files = files,
        };
        return manifest;
    }

    private static IReadOnlyList<string> ResolveClasses(CompetitionSpec spec, RawTable table)
    {
        var kind = spec.Submission.Kind;
        var observed = table.Rows.Select(r => table.Targets(r)[0]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        IReadOnlyList<string> classes = spec.Submission.Classes.Count > 0 ? spec.Submission.Classes : observed;
        if (kind is PredictionKind.Label or PredictionKind.ClassProbabilities)
        {
            var unknown = observed.Except(classes, StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                throw new CompetitionSpecException(spec.SpecPath, [$"submission.classes: the data has target values not listed: {string.Join(", ", unknown.Take(10))}"]);
            }

            return classes;
        }

        if (kind is PredictionKind.Probability or PredictionKind.Value or PredictionKind.Values)
        {
            var bad = table.Rows.SelectMany(table.Targets).FirstOrDefault(v => !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            if (bad is not null)
            {
                throw new CompetitionSpecException(spec.SpecPath, [$"data.target: value '{bad}' is not numeric; the {CompetitionSpecLoader.KindName(kind)} kind needs numbers (use data.target_map)"]);
            }

            if (kind is PredictionKind.Probability && observed.Except(["0", "1"], StringComparer.Ordinal).Any())
            {
                throw new CompetitionSpecException(spec.SpecPath, ["data.target: the probability kind needs 0/1 targets; map them with data.target_map"]);
            }
        }

        return kind == PredictionKind.Probability ? ["0", "1"] : [];
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
}
