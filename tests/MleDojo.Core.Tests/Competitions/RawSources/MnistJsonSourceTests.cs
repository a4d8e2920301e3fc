using System.Globalization;
using MleDojo.Core.Competitions;
using MleDojo.Core.Competitions.RawSources;

namespace MleDojo.Core.Tests.Competitions.RawSources;

public sealed class MnistJsonSourceTests
{
    private static readonly Dictionary<string, string> NoOptions = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_RestoresExactPixelsAndTakesLabelsFromFileNames()
    {
        using var temp = new TempDirectory();
        var files = WriteDigits(temp);

        var (header, rows) = await new MnistJsonSource("spec.yaml", files, NoOptions).ReadAsync(Ct);

        Assert.Equal(785, header.Length);
        Assert.Equal(["label", "pixel0", "pixel1"], header[..3]);
        Assert.Equal("pixel783", header[^1]);
        Assert.Equal(["3", "3", "7"], rows.Select(r => r[0]));
        // 0.2 -> 51, 0.624 -> 159.12 -> 159, 0.992 -> 252.96 -> 253, 0.004 -> 1.02 -> 1, 0.5 -> 127.5 -> 128.
        Assert.Equal(["0", "51", "159", "253", "1", "128", "255"], rows[0][1..8]);
        Assert.All(rows[0][8..], v => Assert.Equal("0", v));
        Assert.Equal("255", rows[1][784]);
        Assert.Equal("0", rows[1][1]);
        Assert.Equal("20", rows[2][1]);
        Assert.Equal("0", rows[2][784]);
    }

    [Fact]
    public async Task CountRows_CountsWholeImages()
    {
        using var temp = new TempDirectory();

        var count = await new MnistJsonSource("spec.yaml", WriteDigits(temp), NoOptions).CountRowsAsync(Ct);

        Assert.Equal(3, count);
    }

    [Fact]
    public async Task Read_PartialImage_NamesTheFile()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("4.json");
        File.WriteAllText(path, Json(new double[MnistJsonSource.Pixels + 5]));

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => new MnistJsonSource("spec.yaml", [path], NoOptions).ReadAsync(Ct));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("789 values", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ValueOutsideZeroToOne_NamesFileAndIndex()
    {
        using var temp = new TempDirectory();
        var values = new double[MnistJsonSource.Pixels];
        values[12] = 1.5;
        var path = temp.Combine("4.json");
        File.WriteAllText(path, Json(values));

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => new MnistJsonSource("spec.yaml", [path], NoOptions).ReadAsync(Ct));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("[12]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_TruncatedJson_NamesTheFile()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("4.json");
        File.WriteAllText(path, Json(new double[MnistJsonSource.Pixels])[..100]);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => new MnistJsonSource("spec.yaml", [path], NoOptions).CountRowsAsync(Ct));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_NoDataArray_SaysWhatWasExpected()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("4.json");
        File.WriteAllText(path, """{"pixels": [0, 1]}""");

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => new MnistJsonSource("spec.yaml", [path], NoOptions).ReadAsync(Ct));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"data\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TwoFilesWithOneLabel_IsASpecError()
    {
        var ex = Assert.Throws<CompetitionSpecException>(() => new MnistJsonSource("spec.yaml", ["a/3.json", "b/3.json"], NoOptions));

        Assert.Contains("'3'", ex.Message, StringComparison.Ordinal);
    }

    // 3.json: two images (the first with the package's typical three-decimal values) after an unrelated property;
    // 7.json: one image.
    private static string[] WriteDigits(TempDirectory temp)
    {
        var three = new double[2 * MnistJsonSource.Pixels];
        double[] first = [0, 0.2, 0.624, 0.992, 0.004, 0.5, 1];
        first.CopyTo(three, 0);
        three[^1] = 1;
        var seven = new double[MnistJsonSource.Pixels];
        seven[0] = 0.078;
        var threePath = temp.Combine("3.json");
        File.WriteAllText(threePath, "{ \"note\": {\"a\": [1, 2]}, " + Json(three)[1..]);
        var sevenPath = temp.Combine("7.json");
        File.WriteAllText(sevenPath, Json(seven));
        return [threePath, sevenPath];
    }

    private static string Json(double[] values) =>
        "{ \"data\": [" + string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]}";
}
