using System.Buffers.Binary;
using System.IO.Compression;

namespace MleDojo.Core.Competitions.RawSources;

/// <summary>
/// Reads images and labels in the IDX format of MNIST and Fashion-MNIST (optionally gzip-compressed): the files
/// come in pairs, an IDX3 image file (count x rows x columns unsigned bytes) then its IDX1 label file (count
/// unsigned bytes). Pairs are concatenated in the order listed; each image becomes one row of
/// <c>label, pixel0..pixelN-1</c> (row-major pixels, 0 = background).
/// </summary>
internal sealed class IdxImagesSource : IRawSource
{
    /// <summary>The name a spec gives in <c>data.source.reader</c>.</summary>
    public const string ReaderName = "idx_images";

    private const byte UnsignedByteType = 0x08;
    private readonly IReadOnlyList<string> _files;

    /// <summary>Creates the reader over <paramref name="files"/>: image file, label file, image file, label file...</summary>
    /// <exception cref="CompetitionSpecException">The files do not come in pairs, or options were given.</exception>
    public IdxImagesSource(string specPath, IReadOnlyList<string> files, IReadOnlyDictionary<string, string> options)
    {
        PixelRows.RejectOptions(specPath, ReaderName, options);
        if (files.Count == 0 || files.Count % 2 != 0)
        {
            throw new CompetitionSpecException(specPath, [$"data.source.files: the {ReaderName} reader takes pairs of files (images then labels), got {files.Count} files"]);
        }

        _files = files;
    }

    /// <inheritdoc />
    public async Task<RawData> ReadAsync(CancellationToken cancellationToken)
    {
        string[]? header = null;
        var rows = new List<string[]>();
        for (var pair = 0; pair < _files.Count; pair += 2)
        {
            var (imagesPath, labelsPath) = (_files[pair], _files[pair + 1]);
            var labels = await ReadLabelsAsync(labelsPath, cancellationToken).ConfigureAwait(false);
            await using var images = OpenRead(imagesPath);
            var dims = await ReadHeaderAsync(images, imagesPath, 3, cancellationToken).ConfigureAwait(false);
            if (dims[0] != labels.Length)
            {
                throw new InvalidDataException($"{imagesPath} holds {dims[0]} images but {labelsPath} holds {labels.Length} labels; the pair does not match");
            }

            var pixels = checked(dims[1] * dims[2]);
            if (header is null)
            {
                header = PixelRows.Header(pixels);
            }
            else if (header.Length != pixels + 1)
            {
                throw new InvalidDataException($"{imagesPath} holds {dims[1]}x{dims[2]} images but earlier files hold {header.Length - 1} pixels per image");
            }

            rows.EnsureCapacity(rows.Count + labels.Length);
            var buffer = new byte[pixels];
            for (var i = 0; i < labels.Length; i++)
            {
                await ReadExactlyAsync(images, buffer, imagesPath, $"image {i} of {labels.Length}", cancellationToken).ConfigureAwait(false);
                var row = new string[pixels + 1];
                row[0] = PixelRows.Text(labels[i]);
                for (var p = 0; p < pixels; p++)
                {
                    row[p + 1] = PixelRows.Text(buffer[p]);
                }

                rows.Add(row);
            }

            await ExpectEndAsync(images, imagesPath, cancellationToken).ConfigureAwait(false);
        }

        return new RawData(header!, rows);
    }

    /// <inheritdoc />
    public Task<string> FingerprintAsync(CancellationToken cancellationToken) => FileSetSha256.ComputeAsync(_files, cancellationToken);

    /// <inheritdoc />
    public async Task<int> CountRowsAsync(CancellationToken cancellationToken)
    {
        // Only the label files' 8-byte headers are decompressed: the count is recorded there.
        var count = 0;
        for (var pair = 1; pair < _files.Count; pair += 2)
        {
            await using var labels = OpenRead(_files[pair]);
            count += (await ReadHeaderAsync(labels, _files[pair], 1, cancellationToken).ConfigureAwait(false))[0];
        }

        return count;
    }

    private static async Task<byte[]> ReadLabelsAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = OpenRead(path);
        var dims = await ReadHeaderAsync(stream, path, 1, cancellationToken).ConfigureAwait(false);
        var labels = new byte[dims[0]];
        await ReadExactlyAsync(stream, labels, path, $"{dims[0]} labels", cancellationToken).ConfigureAwait(false);
        await ExpectEndAsync(stream, path, cancellationToken).ConfigureAwait(false);
        return labels;
    }

    // The IDX header: two zero bytes, the element type, the number of dimensions, then each dimension as a
    // big-endian 32-bit integer.
    private static async Task<int[]> ReadHeaderAsync(Stream stream, string path, int expectedDims, CancellationToken cancellationToken)
    {
        var magic = new byte[4];
        await ReadExactlyAsync(stream, magic, path, "the IDX header", cancellationToken).ConfigureAwait(false);
        if (magic[0] != 0 || magic[1] != 0 || magic[3] is 0 or > 4)
        {
            throw new InvalidDataException($"{path} is not an IDX file (magic bytes {Convert.ToHexString(magic)}); check that data.source.files lists an image file then a label file, and reinstall the package if the file is damaged");
        }

        if (magic[2] != UnsignedByteType || magic[3] != expectedDims)
        {
            var expected = expectedDims == 3 ? "an IDX3 image file (unsigned bytes, 3 dimensions)" : "an IDX1 label file (unsigned bytes, 1 dimension)";
            throw new InvalidDataException($"{path} should be {expected} but has element type 0x{magic[2]:X2} and {magic[3]} dimensions; data.source.files lists image and label files in pairs, images first");
        }

        var raw = new byte[4 * expectedDims];
        await ReadExactlyAsync(stream, raw, path, "the IDX dimensions", cancellationToken).ConfigureAwait(false);
        var dims = new int[expectedDims];
        for (var d = 0; d < expectedDims; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(raw.AsSpan(4 * d));
            if (dims[d] <= 0)
            {
                throw new InvalidDataException($"{path} has an invalid IDX dimension {dims[d]}");
            }
        }

        return dims;
    }

    private static async Task ReadExactlyAsync(Stream stream, byte[] buffer, string path, string what, CancellationToken cancellationToken)
    {
        var read = 0;
        try
        {
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new InvalidDataException($"{path} is truncated: it ends {buffer.Length - read} bytes into {what}; reinstall the package");
                }

                read += n;
            }
        }
        catch (InvalidDataException ex) when (!ex.Message.StartsWith(path, StringComparison.Ordinal))
        {
            // GZipStream reports a damaged stream without naming the file.
            throw new InvalidDataException($"{path} is damaged ({ex.Message}); reinstall the package", ex);
        }
    }

    private static async Task ExpectEndAsync(Stream stream, string path, CancellationToken cancellationToken)
    {
        int extra;
        try
        {
            extra = await stream.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{path} is damaged ({ex.Message}); reinstall the package", ex);
        }

        if (extra != 0)
        {
            throw new InvalidDataException($"{path} has bytes after the data its IDX header announces; the file is damaged or not an IDX file");
        }
    }

    private static Stream OpenRead(string path)
    {
        var file = File.OpenRead(path);
        var gzip = file.Length >= 2 && file.ReadByte() == 0x1F && file.ReadByte() == 0x8B;
        file.Position = 0;
        return gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
    }
}
