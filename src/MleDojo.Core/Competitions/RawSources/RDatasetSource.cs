using System.Diagnostics;
using MleDojo.Core.Data;

namespace MleDojo.Core.Competitions.RawSources;

/// <summary>
/// Reads a data set an R package ships, as an installed Debian <c>r-cran-*</c> package stores it: a lazy-load
/// database (<c>data/Rdata.rdb</c> with its index <c>Rdata.rdx</c>) or a single <c>.rda</c> file. R's serialization
/// is not re-implemented here: <c>Rscript</c> loads the object named by the <c>object</c> option and writes it
/// with <c>write.csv</c> (factors as labels, missing values empty, no row names), which this reader then parses.
/// R runs only when the table is built; the fingerprint hashes the package files, so a cached preparation never
/// starts R. With the <see cref="UserHoldout"/> options the ratings table becomes one row per user.
/// </summary>
internal sealed class RDatasetSource : IRawSource
{
    /// <summary>The name a spec gives in <c>data.source.reader</c>.</summary>
    public const string ReaderName = "r_dataset";

    /// <summary>The option naming the R object (data set) to export.</summary>
    public const string ObjectOption = "object";

    /// <summary>The Debian package that provides <c>Rscript</c>.</summary>
    public const string RPackage = "r-base-core";

    // Loads the object without attaching or running the package, then writes it as CSV. invisible() keeps
    // lazyLoad's NULL off stdout; a missing object exits with status 3 and a message naming it.
    private const string Program =
        "a <- commandArgs(TRUE); e <- new.env(); " +
        "if (grepl('[.]rdb$', a[1])) invisible(lazyLoad(sub('[.]rdb$', '', a[1]), envir = e)) else invisible(load(a[1], envir = e)); " +
        "if (!exists(a[2], envir = e, inherits = FALSE)) { message('no object named ', a[2], ' in ', a[1]); quit(status = 3) }; " +
        "utils::write.csv(as.data.frame(get(a[2], envir = e)), a[3], row.names = FALSE, na = '', fileEncoding = 'UTF-8')";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private readonly string _competitionId;
    private readonly PackageReference _package;
    private readonly IReadOnlyList<string> _files;
    private readonly string _object;
    private readonly UserHoldout? _holdout;
    private readonly string? _searchPath;

    /// <summary>Creates the reader; <paramref name="searchPath"/> replaces <c>PATH</c> when looking for Rscript (tests).</summary>
    /// <exception cref="CompetitionSpecException">The files are not one .rda or an .rdb/.rdx pair, or an option is wrong.</exception>
    public RDatasetSource(string specPath, string competitionId, PackageReference package, IReadOnlyList<string> files,
        IReadOnlyDictionary<string, string> options, string? searchPath = null)
    {
        var valid = files.Count == 1 && HasExtension(files[0], ".rda", ".RData")
            || files.Count == 2 && HasExtension(files[0], ".rdb") && files[1] == Path.ChangeExtension(files[0], ".rdx");
        if (!valid)
        {
            throw new CompetitionSpecException(specPath, [$"data.source.files: the {ReaderName} reader takes one .rda file, or a lazy-load database as its .rdb then its .rdx (got {string.Join(", ", files)})"]);
        }

        if (!options.TryGetValue(ObjectOption, out var name) || string.IsNullOrWhiteSpace(name))
        {
            throw new CompetitionSpecException(specPath, [$"data.source.options.{ObjectOption}: the {ReaderName} reader needs the name of the R object to read"]);
        }

        var unknown = options.Keys.Where(k => k != ObjectOption && !UserHoldout.Options.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new CompetitionSpecException(specPath, [$"data.source.options: unknown option(s) {string.Join(", ", unknown)} for the {ReaderName} reader (known: {ObjectOption}, {string.Join(", ", UserHoldout.Options)})"]);
        }

        _competitionId = competitionId;
        _package = package;
        _files = files;
        _object = name;
        _holdout = UserHoldout.FromOptions(specPath, options);
        _searchPath = searchPath;
    }

    /// <inheritdoc />
    public async Task<RawData> ReadAsync(CancellationToken cancellationToken)
    {
        var (header, rows) = await ExportAsync(cancellationToken).ConfigureAwait(false);
        var data = new RawData(header, rows);
        return _holdout is null ? data : _holdout.Apply(data);
    }

    /// <inheritdoc />
    public Task<string> FingerprintAsync(CancellationToken cancellationToken) => FileSetSha256.ComputeAsync(_files, cancellationToken);

    /// <inheritdoc />
    public async Task<int> CountRowsAsync(CancellationToken cancellationToken) =>
        // R records no row count outside the serialized object, so listing builds the table once (the catalog keeps it).
        (await ReadAsync(cancellationToken).ConfigureAwait(false)).Rows.Count;

    /// <summary>The full path of Rscript on <paramref name="searchPath"/> (PATH when null), or null.</summary>
    public static string? FindRscript(string? searchPath) =>
        (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "Rscript"))
            .FirstOrDefault(File.Exists);

    private async Task<(string[] Header, List<string[]> Rows)> ExportAsync(CancellationToken cancellationToken)
    {
        var rscript = FindRscript(_searchPath) ?? throw new MissingPackageException(_competitionId, _package,
            $"Rscript (Debian package {RPackage}) is not installed, and the {ReaderName} reader needs it to read R data",
            $"apt-get install -y {RPackage} {_package.Name}");
        var output = Path.Combine(Path.GetTempPath(), $"mledojo-r-{Guid.NewGuid():N}.csv");
        try
        {
            var start = new ProcessStartInfo(rscript) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "--vanilla", "-e", Program, _files[0], _object, output })
            {
                start.ArgumentList.Add(argument);
            }

            // A fixed locale: number formatting and string encoding must not depend on the server's environment.
            start.Environment["LC_ALL"] = "C.UTF-8";
            start.Environment["LANG"] = "C.UTF-8";
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {rscript}");
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var error = (await stderr.ConfigureAwait(false)).Trim();
            await stdout.ConfigureAwait(false);
            if (process.ExitCode != 0 || !File.Exists(output))
            {
                throw new InvalidDataException($"{_files[0]}: Rscript could not export the R object '{_object}' (exit code {process.ExitCode}): {error}; reinstall {_package.Name}");
            }

            return CsvText.ReadAll(output);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static bool HasExtension(string path, params string[] extensions) =>
        extensions.Contains(Path.GetExtension(path), StringComparer.Ordinal);
}
