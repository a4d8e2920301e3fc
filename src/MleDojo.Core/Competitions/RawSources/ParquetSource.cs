using Parquet;
using Parquet.Schema;

namespace MleDojo.Core.Competitions.RawSources;

/// <summary>
/// The raw table is one or more Parquet files with the same flat columns, read in the listed order. Every value
/// becomes text through <see cref="ParquetFieldText"/> (invariant culture, ISO 8601 dates), so the table is the same
/// on every machine; repeated values share one string per column to keep millions of rows affordable.
/// </summary>
internal sealed class ParquetSource(IReadOnlyList<string> paths, bool timestampsAsDays) : IRawSource
{
    /// <summary>Option: <c>day</c> writes timestamps as their date only (<c>yyyy-MM-dd</c>); <c>full</c> (default) keeps the time.</summary>
    public const string TimestampResolutionOption = "timestamp_resolution";

    public async Task<RawData> ReadAsync(CancellationToken cancellationToken)
    {
        var text = new ParquetFieldText(timestampsAsDays);
        string[]? header = null;
        StringPool[] pools = [];
        var rows = new List<string[]>();
        foreach (var path in paths)
        {
            try
            {
                await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
                var fields = FlatFields(reader.Schema);
                var names = fields.Select(f => f.Name).ToArray();
                if (header is null)
                {
                    header = names;
                    pools = [.. names.Select(_ => new StringPool())];
                    rows.Capacity = checked((int)paths.Sum(_ => reader.Metadata?.NumRows ?? 0));
                }
                else if (!header.SequenceEqual(names, StringComparer.Ordinal))
                {
                    throw new InvalidDataException($"columns ({string.Join(", ", names)}) differ from the first file's ({string.Join(", ", header)}); all files of a parquet source must share one schema");
                }

                for (var group = 0; group < reader.RowGroupCount; group++)
                {
                    using var rowGroup = reader.OpenRowGroupReader(group);
                    var count = checked((int)rowGroup.RowCount);
                    var block = new string[count][];
                    for (var r = 0; r < count; r++)
                    {
                        block[r] = new string[fields.Count];
                    }

                    for (var c = 0; c < fields.Count; c++)
                    {
                        await text.ReadColumnAsync(rowGroup, fields[c], block, c, pools[c], cancellationToken).ConfigureAwait(false);
                    }

                    rows.AddRange(block);
                }
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{path}: {e.Message}", e);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                throw Unreadable(path, e);
            }
        }

        return new RawData(header ?? [], rows);
    }

    public Task<string> FingerprintAsync(CancellationToken cancellationToken) => FileSetSha256.ComputeAsync(paths, cancellationToken);

    public async Task<int> CountRowsAsync(CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var path in paths)
        {
            try
            {
                // The footer records the row count: no page is decompressed.
                await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
                total += reader.Metadata?.NumRows ?? 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw Unreadable(path, e);
            }
        }

        return checked((int)total);
    }

    /// <summary>Reads <see cref="TimestampResolutionOption"/>: true for <c>day</c>, false for <c>full</c> or absent, null for anything else.</summary>
    public static bool? TimestampsAsDays(IReadOnlyDictionary<string, string> options) =>
        options.GetValueOrDefault(TimestampResolutionOption, "full") switch
        {
            "day" => true,
            "full" => false,
            _ => null,
        };

    private static List<DataField> FlatFields(ParquetSchema schema)
    {
        var nested = schema.Fields.FirstOrDefault(f => f is not DataField || ((DataField)f).IsArray);
        if (nested is not null)
        {
            throw new InvalidDataException($"column '{nested.Name}' is nested or repeated; the parquet reader reads flat tables only");
        }

        return [.. schema.GetDataFields()];
    }

    private static InvalidDataException Unreadable(string path, Exception e) =>
        new($"{path}: not a readable Parquet file ({e.GetType().Name}: {e.Message}); reinstall the package that ships it", e);
}
