using System.Buffers.Binary;
using System.IO.Compression;

namespace MleDojo.Core.Tests.Support;

/// <summary>Writes small IDX files (the MNIST format): a 4-byte magic, big-endian dimensions, then unsigned bytes.</summary>
internal static class IdxFile
{
    /// <summary>An IDX3 image file of <paramref name="images"/>, each <paramref name="rows"/> x <paramref name="columns"/> row-major pixels.</summary>
    public static string WriteImages(string path, int rows, int columns, IReadOnlyList<byte[]> images, bool gzip = true) =>
        Write(path, [images.Count, rows, columns], [.. images.SelectMany(i => i)], gzip);

    /// <summary>An IDX1 label file.</summary>
    public static string WriteLabels(string path, byte[] labels, bool gzip = true) => Write(path, [labels.Length], labels, gzip);

    /// <summary>Raw IDX bytes: the magic (0, 0, type 0x08 for unsigned bytes, number of dimensions) and dimensions, then data.</summary>
    public static byte[] Bytes(int[] dims, byte[] data)
    {
        var bytes = new byte[4 + (4 * dims.Length) + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)dims.Length;
        for (var d = 0; d < dims.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * d)), dims[d]);
        }

        data.CopyTo(bytes, 4 + (4 * dims.Length));
        return bytes;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Optimal))
        {
            gz.Write(bytes);
        }

        return output.ToArray();
    }

    private static string Write(string path, int[] dims, byte[] data, bool gzip)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = Bytes(dims, data);
        File.WriteAllBytes(path, gzip ? Gzip(bytes) : bytes);
        return path;
    }
}
