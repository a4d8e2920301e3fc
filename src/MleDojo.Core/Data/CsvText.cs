using System.IO.Compression;
using System.Text;
using nietras.SeparatedValues;

namespace MleDojo.Core.Data;

/// <summary>Small, deterministic CSV reading and writing shared by preparation and grading.</summary>
internal static class CsvText
{
    /// <summary>Reads a whole CSV (optionally gzip-compressed) into memory: header plus rows of unescaped field text.</summary>
    public static (string[] Header, List<string[]> Rows) ReadAll(string path)
    {
        using var stream = OpenRead(path);
        using var reader = CreateReader(stream);
        var header = reader.Header.ColNames.Select(CleanHeaderName).ToArray();
        var rows = new List<string[]>();
        foreach (var row in reader)
        {
            var fields = new string[header.Length];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = row[i].ToString();
            }

            rows.Add(fields);
        }

        return (header, rows);
    }

    /// <summary>The number of data rows (header excluded) of a CSV, optionally gzip-compressed.</summary>
    public static int CountRows(string path)
    {
        using var stream = OpenRead(path);
        using var reader = CreateReader(stream);
        var count = 0;
        foreach (var _ in reader)
        {
            count++;
        }

        return count;
    }

    public static Stream OpenRead(string path)
    {
        Stream stream = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(stream, CompressionMode.Decompress)
            : stream;
    }

    public static SepReader CreateReader(Stream stream) =>
        Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = true, Unescape = true, Trim = SepTrim.None })
            .From(stream);

    /// <summary>Header names are matched after removing a BOM, surrounding quotes and whitespace.</summary>
    public static string CleanHeaderName(string name) => name.Trim('\uFEFF').Trim().Trim('"').Trim();

    /// <summary>Writes one CSV line with RFC 4180 quoting only where needed, so output bytes depend only on field text.</summary>
    public static void WriteLine(TextWriter writer, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            WriteField(writer, fields[i]);
        }

        writer.Write('\n');
    }

    public static StreamWriter CreateWriter(string path) =>
        new(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };

    private static void WriteField(TextWriter writer, string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\n\r") < 0)
        {
            writer.Write(field);
            return;
        }

        writer.Write('"');
        writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
