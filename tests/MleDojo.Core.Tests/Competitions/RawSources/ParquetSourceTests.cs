using System.Globalization;
using MleDojo.Core.Competitions.RawSources;
using Parquet;
using Parquet.Schema;

namespace MleDojo.Core.Tests.Competitions.RawSources;

public sealed class ParquetSourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DataField<int?> Count = new("count");
    private static readonly DataField<double?> Ratio = new("ratio");
    private static readonly DataField<string> Name = new("name");
    private static readonly DataField<bool?> Flag = new("flag");
    private static readonly DataField<DateTime?> When = new("when");
    private static readonly DataField<decimal?> Price = new("price");

    [Fact]
    public async Task Read_TurnsEveryValueIntoInvariantText_AcrossRowGroups()
    {
        using var temp = new TempDirectory();
        var path = await WriteAsync(temp.Combine("t.parquet"));
        var previous = CultureInfo.CurrentCulture;
        // A decimal comma and another date order in the current culture must not show in the text.
        var odd = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        odd.NumberFormat.NumberDecimalSeparator = ",";
        odd.NumberFormat.NaNSymbol = "nicht";
        odd.DateTimeFormat.DateSeparator = ".";
        CultureInfo.CurrentCulture = odd;
        try
        {
            var (header, rows) = await new ParquetSource([path], timestampsAsDays: false).ReadAsync(Ct);

            Assert.Equal(["count", "ratio", "name", "flag", "when", "price"], header);
            Assert.Equal(["1.5", "", "-2"], rows.Select(r => r[5]));
            Assert.Equal(
                [
                    ["1", "0.1", "Paris, FR", "true", "2001-01-05T14:30:00", "1.5"],
                    ["", "1E-05", "", "false", "2001-12-31T23:59:59.25", ""],
                    ["-3", "NaN", "Oslo", "", "", "-2"],
                ],
                rows);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public async Task Read_WithDayResolution_WritesTimestampsAsDates()
    {
        using var temp = new TempDirectory();
        var path = await WriteAsync(temp.Combine("t.parquet"));

        var (_, rows) = await new ParquetSource([path], timestampsAsDays: true).ReadAsync(Ct);

        Assert.Equal(["2001-01-05", "2001-12-31", ""], rows.Select(r => r[4]));
    }

    [Fact]
    public async Task Read_RepeatedValuesShareOneString()
    {
        using var temp = new TempDirectory();
        var path = await WriteAsync(temp.Combine("t.parquet"), repeat: 2);

        var (_, rows) = await new ParquetSource([path, path], timestampsAsDays: false).ReadAsync(Ct);

        Assert.Equal(12, rows.Count);
        Assert.Same(rows[0][2], rows[6][2]);
        Assert.Same(rows[0][4], rows[3][4]);
    }

    [Fact]
    public async Task CountRows_ReadsTheFooter()
    {
        using var temp = new TempDirectory();
        var path = await WriteAsync(temp.Combine("t.parquet"), repeat: 3);

        Assert.Equal(9, await new ParquetSource([path], timestampsAsDays: false).CountRowsAsync(Ct));
    }

    [Fact]
    public async Task Fingerprint_ChangesWithTheFileBytes()
    {
        using var temp = new TempDirectory();
        var one = await WriteAsync(temp.Combine("one.parquet"));
        var two = await WriteAsync(temp.Combine("two.parquet"), repeat: 2);

        Assert.Equal(await new ParquetSource([one], false).FingerprintAsync(Ct), await new ParquetSource([one], true).FingerprintAsync(Ct));
        Assert.NotEqual(await new ParquetSource([one], false).FingerprintAsync(Ct), await new ParquetSource([two], false).FingerprintAsync(Ct));
    }

    [Fact]
    public async Task Read_CorruptFile_NamesTheFile()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("broken.parquet");
        var good = await File.ReadAllBytesAsync(await WriteAsync(temp.Combine("good.parquet")), Ct);
        await File.WriteAllBytesAsync(path, [.. good.Take(4), .. new byte[good.Length - 8], .. good.TakeLast(4)], Ct);

        var read = await Assert.ThrowsAsync<InvalidDataException>(() => new ParquetSource([path], false).ReadAsync(Ct));
        var count = await Assert.ThrowsAsync<InvalidDataException>(() => new ParquetSource([path], false).CountRowsAsync(Ct));

        Assert.Contains(path, read.Message, StringComparison.Ordinal);
        Assert.Contains(path, count.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_FilesWithDifferentColumns_NamesTheOddFile()
    {
        using var temp = new TempDirectory();
        var first = await WriteAsync(temp.Combine("a.parquet"));
        var other = temp.Combine("b.parquet");
        await using (var stream = File.Create(other))
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(Count), stream, cancellationToken: Ct);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(Count, new int?[] { 1 }.AsMemory(), cancellationToken: Ct);
        }

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new ParquetSource([first, other], false).ReadAsync(Ct));

        Assert.Contains(other, error.Message, StringComparison.Ordinal);
        Assert.Contains("columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TimestampResolution_AcceptsFullOrDayOnly()
    {
        Assert.False(ParquetSource.TimestampsAsDays(new Dictionary<string, string>()));
        Assert.True(ParquetSource.TimestampsAsDays(new Dictionary<string, string> { ["timestamp_resolution"] = "day" }));
        Assert.Null(ParquetSource.TimestampsAsDays(new Dictionary<string, string> { ["timestamp_resolution"] = "hour" }));
    }

    /// <summary>Writes three rows per row group, <paramref name="repeat"/> row groups, with nulls and awkward values.</summary>
    private static async Task<string> WriteAsync(string path, int repeat = 1)
    {
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(Count, Ratio, Name, Flag, When, Price), stream, cancellationToken: Ct);
        for (var i = 0; i < repeat; i++)
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(Count, new int?[] { 1, null, -3 }.AsMemory(), cancellationToken: Ct);
            await group.WriteAsync<double>(Ratio, new double?[] { 0.1, 1e-5, double.NaN }.AsMemory(), cancellationToken: Ct);
            await group.WriteAsync(Name, new string?[] { "Paris, FR", null, "Oslo" });
            await group.WriteAsync<bool>(Flag, new bool?[] { true, false, null }.AsMemory(), cancellationToken: Ct);
            await group.WriteAsync<DateTime>(When, new DateTime?[] { new DateTime(2001, 1, 5, 14, 30, 0), new DateTime(2001, 12, 31, 23, 59, 59, 250), null }.AsMemory(), cancellationToken: Ct);
            await group.WriteAsync<decimal>(Price, new decimal?[] { 1.50m, null, -2m }.AsMemory(), cancellationToken: Ct);
        }

        return path;
    }
}
