using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace MleDojo.Core.Competitions.RawSources;

/// <summary>
/// Turns Parquet column values into field text, the same on every machine: invariant culture; integers in plain
/// digits; floating point in the shortest text that round-trips (<c>0.1</c>, <c>1E-05</c>, <c>NaN</c>,
/// <c>Infinity</c>); decimals in plain notation as .NET reads them (<c>1.5</c>); booleans as <c>true</c>/<c>false</c>; timestamps in ISO 8601
/// (<c>2001-01-05T14:30:00</c>, fractional seconds only when non-zero, <c>Z</c> appended when the column is UTC-adjusted,
/// never converted to the machine's zone), or their date only (<c>2001-01-05</c>) when asked; dates as
/// <c>yyyy-MM-dd</c>; times as <c>HH:mm:ss</c>; nulls as empty fields.
/// </summary>
internal sealed class ParquetFieldText(bool timestampsAsDays)
{
    private const string IsoTimestamp = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF";
    private const string IsoDate = "yyyy-MM-dd";

    /// <summary>Reads column <paramref name="field"/> of a row group into <c>block[row][column]</c>.</summary>
    public async Task ReadColumnAsync(ParquetRowGroupReader rowGroup, DataField field, string[][] block, int column, StringPool pool, CancellationToken cancellationToken)
    {
        var type = field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var values = new string?[block.Length];
            await rowGroup.ReadAsync(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            for (var r = 0; r < values.Length; r++)
            {
                block[r][column] = values[r] is { } value ? pool.Get(value) : "";
            }

            return;
        }

        var task = type switch
        {
            _ when type == typeof(bool) => ReadAsync<bool>(rowGroup, field, block, column, cancellationToken, (v, _) => v ? "true" : "false"),
            _ when type == typeof(sbyte) => ReadFormattedAsync<sbyte>(rowGroup, field, block, column, pool, null, cancellationToken),
            _ when type == typeof(byte) => ReadFormattedAsync<byte>(rowGroup, field, block, column, pool, null, cancellationToken),
            _ when type == typeof(short) => ReadFormattedAsync<short>(rowGroup, field, block, column, pool, null, cancellationToken),
            _ when type == typeof(ushort) => ReadFormattedAsync<ushort>(rowGroup, field, block, column, pool, null, cancellationToken),
            _ when type == typeof(int) => ReadFormattedAsync<int>(rowGroup, field, block, column, pool, null, cancellationToken),
            _ when type == typeof(uint) => ReadFormattedAsync<uint>(rowGroup, field, block, column, pool, null, cancellationToken),
            _ when type == typeof(long) => ReadFormattedAsync<long>(rowGroup, field, block, column, pool, null, cancellationToken),
            _ when type == typeof(ulong) => ReadFormattedAsync<ulong>(rowGroup, field, block, column, pool, null, cancellationToken),
            _ when type == typeof(float) => ReadFormattedAsync<float>(rowGroup, field, block, column, pool, null, cancellationToken),
            _ when type == typeof(double) => ReadFormattedAsync<double>(rowGroup, field, block, column, pool, null, cancellationToken),
            _ when type == typeof(decimal) => ReadFormattedAsync<decimal>(rowGroup, field, block, column, pool, null, cancellationToken),
            _ when type == typeof(DateOnly) => ReadFormattedAsync<DateOnly>(rowGroup, field, block, column, pool, IsoDate, cancellationToken),
            _ when type == typeof(TimeOnly) => ReadFormattedAsync<TimeOnly>(rowGroup, field, block, column, pool, "HH:mm:ss.FFFFFFF", cancellationToken),
            _ when type == typeof(TimeSpan) => ReadFormattedAsync<TimeSpan>(rowGroup, field, block, column, pool, "c", cancellationToken),
            _ when type == typeof(Guid) => ReadFormattedAsync<Guid>(rowGroup, field, block, column, pool, "D", cancellationToken),
            _ when type == typeof(DateTime) => ReadAsync<DateTime>(rowGroup, field, block, column, cancellationToken, (v, buffer) => Timestamp(v, buffer, pool)),
            _ when type == typeof(DateTimeOffset) => ReadAsync<DateTimeOffset>(rowGroup, field, block, column, cancellationToken, (v, buffer) => Timestamp(DateTime.SpecifyKind(v.UtcDateTime, DateTimeKind.Utc), buffer, pool)),
            _ => throw new InvalidDataException($"column '{field.Name}' has Parquet type {type.Name}, which the parquet reader does not turn into text (binary and nested values are not supported)"),
        };
        await task.ConfigureAwait(false);
    }

    private string Timestamp(DateTime value, char[] buffer, StringPool pool)
    {
        if (timestampsAsDays)
        {
            return Format(value, IsoDate, buffer, pool);
        }

        // The kind says whether Parquet marked the column UTC-adjusted; the clock value itself is never shifted.
        var written = Write(value, IsoTimestamp, buffer);
        if (value.Kind == DateTimeKind.Utc)
        {
            buffer[written++] = 'Z';
        }

        return pool.Get(buffer.AsSpan(0, written));
    }

    private static Task ReadFormattedAsync<T>(ParquetRowGroupReader rowGroup, DataField field, string[][] block, int column, StringPool pool, string? format, CancellationToken cancellationToken)
        where T : struct, ISpanFormattable =>
        ReadAsync<T>(rowGroup, field, block, column, cancellationToken, (v, buffer) => Format(v, format, buffer, pool));

    private static async Task ReadAsync<T>(ParquetRowGroupReader rowGroup, DataField field, string[][] block, int column, CancellationToken cancellationToken, Func<T, char[], string> text)
        where T : struct
    {
        var values = new T?[block.Length];
        await rowGroup.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
        var buffer = new char[128];
        for (var r = 0; r < values.Length; r++)
        {
            block[r][column] = values[r] is { } value ? text(value, buffer) : "";
        }
    }

    private static string Format<T>(T value, string? format, char[] buffer, StringPool pool)
        where T : ISpanFormattable => pool.Get(buffer.AsSpan(0, Write(value, format, buffer)));

    private static int Write<T>(T value, string? format, char[] buffer)
        where T : ISpanFormattable
    {
        if (!value.TryFormat(buffer, out var written, format, CultureInfo.InvariantCulture))
        {
            throw new InvalidDataException($"value {value} does not fit the {buffer.Length}-character field buffer");
        }

        return written;
    }
}
