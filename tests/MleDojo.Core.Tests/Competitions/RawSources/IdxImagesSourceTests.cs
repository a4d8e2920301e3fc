using MleDojo.Core.Competitions;
using MleDojo.Core.Competitions.RawSources;
using MleDojo.Core.Tests.Support;

namespace MleDojo.Core.Tests.Competitions.RawSources;

public sealed class IdxImagesSourceTests
{
    private static readonly Dictionary<string, string> NoOptions = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_PairsInOrder_GivesLabelThenRowMajorPixels()
    {
        using var temp = new TempDirectory();
        var files = WriteTwoPairs(temp);

        var (header, rows) = await new IdxImagesSource("spec.yaml", files, NoOptions).ReadAsync(Ct);

        Assert.Equal(["label", "pixel0", "pixel1", "pixel2", "pixel3", "pixel4", "pixel5"], header);
        Assert.Equal(3, rows.Count);
        Assert.Equal(["7", "0", "1", "2", "253", "254", "255"], rows[0]);
        Assert.Equal(["0", "9", "0", "0", "0", "0", "128"], rows[1]);
        Assert.Equal(["255", "10", "20", "30", "40", "50", "60"], rows[2]);
    }

    [Fact]
    public async Task Read_EqualValues_ShareOneString()
    {
        using var temp = new TempDirectory();

        var (_, rows) = await new IdxImagesSource("spec.yaml", WriteTwoPairs(temp), NoOptions).ReadAsync(Ct);

        // rows[1] holds four zeros; one shared string per value keeps a 70,000-image table small.
        Assert.Same(rows[1][2], rows[1][3]);
        Assert.Same(rows[0][1], rows[1][4]);
    }

    [Fact]
    public async Task CountRows_AddsTheLabelFilesHeaderCounts()
    {
        using var temp = new TempDirectory();

        var count = await new IdxImagesSource("spec.yaml", WriteTwoPairs(temp), NoOptions).CountRowsAsync(Ct);

        Assert.Equal(3, count);
    }

    [Fact]
    public async Task Fingerprint_ChangesWhenOneByteChanges()
    {
        using var temp = new TempDirectory();
        var files = WriteTwoPairs(temp);
        var source = new IdxImagesSource("spec.yaml", files, NoOptions);
        var before = await source.FingerprintAsync(Ct);
        Assert.Equal(before, await source.FingerprintAsync(Ct));

        IdxFile.WriteLabels(files[3], [254], gzip: false);

        Assert.NotEqual(before, await source.FingerprintAsync(Ct));
    }

    [Fact]
    public async Task Read_TruncatedImageFile_NamesTheFile()
    {
        using var temp = new TempDirectory();
        var files = WriteTwoPairs(temp);
        var full = IdxFile.Bytes([2, 2, 3], new byte[12]);
        File.WriteAllBytes(files[0], IdxFile.Gzip(full[..^4]));

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => new IdxImagesSource("spec.yaml", files, NoOptions).ReadAsync(Ct));

        Assert.Contains(files[0], ex.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_DamagedGzip_NamesTheFile()
    {
        using var temp = new TempDirectory();
        var files = WriteTwoPairs(temp);
        var gz = File.ReadAllBytes(files[0]);
        File.WriteAllBytes(files[0], [.. gz[..10], .. Enumerable.Repeat((byte)0xFF, 40)]);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => new IdxImagesSource("spec.yaml", files, NoOptions).ReadAsync(Ct));

        Assert.Contains(files[0], ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_NotIdx_NamesTheFile()
    {
        using var temp = new TempDirectory();
        var files = WriteTwoPairs(temp);
        File.WriteAllText(files[1], "label\n7\n0\n");

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => new IdxImagesSource("spec.yaml", files, NoOptions).ReadAsync(Ct));

        Assert.Contains(files[1], ex.Message, StringComparison.Ordinal);
        Assert.Contains("not an IDX file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_LabelsListedBeforeImages_SaysWhichKindWasExpected()
    {
        using var temp = new TempDirectory();
        var files = WriteTwoPairs(temp);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => new IdxImagesSource("spec.yaml", [files[1], files[0]], NoOptions).ReadAsync(Ct));

        Assert.Contains(files[0], ex.Message, StringComparison.Ordinal);
        Assert.Contains("should be an IDX1 label file", ex.Message, StringComparison.Ordinal);
        Assert.Contains("images first", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_CountsDiffer_NamesBothFiles()
    {
        using var temp = new TempDirectory();
        var files = WriteTwoPairs(temp);
        IdxFile.WriteLabels(files[1], [7, 0, 3]);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => new IdxImagesSource("spec.yaml", files, NoOptions).ReadAsync(Ct));

        Assert.Contains(files[0], ex.Message, StringComparison.Ordinal);
        Assert.Contains(files[1], ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_BytesAfterTheData_AreRejected()
    {
        using var temp = new TempDirectory();
        var files = WriteTwoPairs(temp);
        File.WriteAllBytes(files[3], [.. IdxFile.Bytes([1], [255]), 0]);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => new IdxImagesSource("spec.yaml", files, NoOptions).ReadAsync(Ct));

        Assert.Contains(files[3], ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OddFileCountOrOptions_IsASpecError()
    {
        var odd = Assert.Throws<CompetitionSpecException>(() => new IdxImagesSource("spec.yaml", ["a.gz", "b.gz", "c.gz"], NoOptions));
        var options = Assert.Throws<CompetitionSpecException>(() => new IdxImagesSource("spec.yaml", ["a.gz", "b.gz"], new Dictionary<string, string> { ["scale"] = "1" }));

        Assert.Contains("data.source.files", odd.Message, StringComparison.Ordinal);
        Assert.Contains("data.source.options", options.Message, StringComparison.Ordinal);
    }

    // Pair 1 (gzip): two 2x3 images labelled 7 and 0. Pair 2 (uncompressed): one image labelled 255.
    private static string[] WriteTwoPairs(TempDirectory temp) =>
    [
        IdxFile.WriteImages(temp.Combine("train-images-idx3-ubyte.gz"), 2, 3, [[0, 1, 2, 253, 254, 255], [9, 0, 0, 0, 0, 128]]),
        IdxFile.WriteLabels(temp.Combine("train-labels-idx1-ubyte.gz"), [7, 0]),
        IdxFile.WriteImages(temp.Combine("t10k-images-idx3-ubyte"), 2, 3, [[10, 20, 30, 40, 50, 60]], gzip: false),
        IdxFile.WriteLabels(temp.Combine("t10k-labels-idx1-ubyte"), [255], gzip: false),
    ];
}
