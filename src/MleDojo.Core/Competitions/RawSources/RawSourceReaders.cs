namespace MleDojo.Core.Competitions.RawSources;

/// <summary>The readers a spec may name in <c>data.source.reader</c>, and the factory that opens a source.</summary>
public static class RawSourceReaders
{
    /// <summary>One CSV file in the competition folder (<c>data.raw</c>).</summary>
    public const string Csv = "csv";

    /// <summary>Parquet files with flat columns (<see cref="ParquetSource"/>).</summary>
    public const string Parquet = "parquet";

    /// <summary>Folders of raw emails, one label per folder (<see cref="MailCorpusSource"/>).</summary>
    public const string MailCorpus = "mail_corpus";

    /// <summary>An R data set exported by <c>Rscript</c> at prepare time (<see cref="RDatasetSource"/>): it needs R as well as its package.</summary>
    public const string RDataset = RDatasetSource.ReaderName;

    /// <summary>Every reader name a spec may use in <c>data.source.reader</c>.</summary>
    public static IReadOnlyList<string> PackageReaders { get; } = [Parquet, MailCorpus, IdxImagesSource.ReaderName, MnistJsonSource.ReaderName, RDatasetSource.ReaderName];

    /// <summary>Opens the source of <paramref name="spec"/>, locating package files with <paramref name="packages"/>.</summary>
    /// <exception cref="MissingPackageException">The source's package is not installed.</exception>
    public static IRawSource Open(CompetitionSpec spec, DatasetPackages packages)
    {
        var source = spec.Data.Source;
        if (source.Reader == Csv)
        {
            return new CsvFileSource(source.LocalFile!);
        }

        var files = packages.Resolve(spec.Id, source);
        return source.Reader switch
        {
            Parquet => new ParquetSource(files, ParquetSource.TimestampsAsDays(source.Options)
                ?? throw Problem(spec, $"data.source.options.{ParquetSource.TimestampResolutionOption}: '{source.Options[ParquetSource.TimestampResolutionOption]}' must be 'full' or 'day'")),
            MailCorpus => new MailCorpusSource(files, MailCorpusSource.ParseLabels(source.Options, files, out var problem) ?? throw Problem(spec, problem!),
                source.Options.GetValueOrDefault(MailCorpusSource.PatternOption, "*")),
            IdxImagesSource.ReaderName => new IdxImagesSource(spec.SpecPath, files, source.Options),
            MnistJsonSource.ReaderName => new MnistJsonSource(spec.SpecPath, files, source.Options),
            RDatasetSource.ReaderName => new RDatasetSource(spec.SpecPath, spec.Id, source.Package!, files, source.Options),
            _ => throw new CompetitionSpecException(spec.SpecPath, [$"data.source.reader: unknown reader '{source.Reader}' ({files.Count} files)"]),
        };
    }

    private static CompetitionSpecException Problem(CompetitionSpec spec, string problem) => new(spec.SpecPath, [problem]);
}
