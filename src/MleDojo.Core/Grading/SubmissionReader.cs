using System.Globalization;
using MleDojo.Core.Data;
using MleDojo.Core.Metrics;
using nietras.SeparatedValues;

namespace MleDojo.Core.Grading;

/// <summary>
/// Reads a submission CSV, checks it against the format and the answer ids, and aligns predictions to the
/// answers. Tolerates a BOM, CRLF, quoted headers, header case and column order. Reports every problem with
/// a hint, and never quotes an answer value.
/// </summary>
internal static class SubmissionReader
{
    public static SubmissionCheck Read(string path, SubmissionFormat format, AnswerKey answers, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return Fail(found: false, new SubmissionError(SubmissionErrorCodes.MissingFile,
                "No submission file was found.",
                $"Write your predictions to output/submission.csv with the header {format.HeaderLine}."));
        }

        if (info.Length > format.MaxBytes)
        {
            return Fail(found: true, TooLarge(info.Length, format.MaxBytes));
        }

        if (info.Length == 0)
        {
            return Fail(found: true, Empty());
        }

        try
        {
            return ReadRows(path, format, answers, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or IndexOutOfRangeException)
        {
            return Fail(found: true, new SubmissionError(SubmissionErrorCodes.MalformedCsv,
                $"The file is not valid CSV: {ex.Message}",
                "Write it with pandas' DataFrame.to_csv(path, index=False): comma-separated, one header line, quotes balanced."));
        }
    }

    private static SubmissionCheck ReadRows(string path, SubmissionFormat format, AnswerKey answers, CancellationToken cancellationToken)
    {
        using var stream = File.OpenRead(path);
        using var reader = Sep.Reader(o => o with
        {
            Sep = new Sep(','),
            HasHeader = true,
            Unescape = true,
            DisableColCountCheck = true,
        }).From(stream);

        var header = reader.Header.ColNames.Select(CsvText.CleanHeaderName).ToList();
        if (header.Count == 0 || (header.Count == 1 && header[0].Length == 0))
        {
            return Fail(found: true, Empty());
        }

        var expected = new List<string>([format.IdColumn, .. format.PredictionColumns]);
        var positions = expected.Select(e => header.FindIndex(h => string.Equals(h, e, StringComparison.OrdinalIgnoreCase))).ToArray();
        var headerErrors = new List<SubmissionError>();
        var missing = expected.Where((_, i) => positions[i] < 0).ToList();
        if (missing.Count > 0)
        {
            headerErrors.Add(new SubmissionError(SubmissionErrorCodes.MissingColumns,
                $"Missing column(s): {string.Join(", ", missing)}. Found: {string.Join(", ", header)}.",
                $"The header must be exactly {format.HeaderLine} (any order)."));
        }

        var extra = header.Where(h => !expected.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
        if (extra.Count > 0)
        {
            headerErrors.Add(new SubmissionError(SubmissionErrorCodes.ExtraColumns,
                $"Unexpected column(s): {string.Join(", ", extra)}.",
                $"Keep only {format.HeaderLine}; with pandas write index=False so no unnamed index column appears."));
        }

        if (headerErrors.Count > 0)
        {
            return Fail(found: true, [.. headerErrors]);
        }

        var tally = new ErrorTally();
        var n = answers.Count;
        var seen = new bool[n];
        var numeric = format.Kind is PredictionKind.Probability or PredictionKind.Value or PredictionKind.Values or PredictionKind.ClassProbabilities;
        var columns = numeric ? format.PredictionColumns.Select(_ => new double[n]).ToArray() : null;
        var labels = numeric ? null : new string[n];
        var allowed = format.Kind == PredictionKind.Label ? format.Classes.ToHashSet(StringComparer.Ordinal) : null;
        var idPos = positions[0];
        var width = header.Count;
        var rows = 0;
        var duplicates = 0;
        var unknown = 0;

        foreach (var row in reader)
        {
            if ((rows & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            rows++;
            var line = row.LineNumberFrom;
            if (row.ColCount != width)
            {
                tally.Add(SubmissionErrorCodes.MalformedCsv, $"have a different number of fields than the header ({width})",
                    $"line {line} has {row.ColCount}", "Every line needs exactly one value per header column; quote values that contain commas.");
                continue;
            }

            var id = row[idPos].Span.Trim();
            if (!answers.Ids.TryGetRow(id, out var index))
            {
                unknown++;
                tally.Add(SubmissionErrorCodes.UnknownIds, "have an id that is not in the test set", $"line {line}: '{Clip(id)}'",
                    $"Use exactly the {format.IdColumn} values of input/test.csv (the sample submission lists them).");
                continue;
            }

            if (seen[index])
            {
                duplicates++;
                tally.Add(SubmissionErrorCodes.DuplicateIds, "repeat an id already predicted", $"line {line}: '{Clip(id)}'", "Write one row per test id.");
                continue;
            }

            seen[index] = true;
            if (labels is not null)
            {
                var value = row[positions[1]].ToString();
                if (allowed is not null && !allowed.Contains(value.Trim()))
                {
                    tally.Add(SubmissionErrorCodes.UnknownLabel, $"have a {format.PredictionColumns[0]} outside the class set {{{string.Join(", ", format.Classes)}}}",
                        $"line {line}: '{Clip(value)}'", "Predict one of the listed classes exactly as written in train.csv.");
                }

                labels[index] = allowed is not null ? value.Trim() : value;
                continue;
            }

            ReadNumbers(row, positions, format, columns!, index, line, tally);
        }

        if (rows == 0)
        {
            return Fail(found: true, Empty());
        }

        var errors = new List<SubmissionError>();
        if (rows != n)
        {
            errors.Add(new SubmissionError(SubmissionErrorCodes.WrongRowCount,
                $"The submission has {rows:N0} rows; the test set has {n:N0}." + (duplicates + unknown > 0 ? $" ({duplicates:N0} duplicate and {unknown:N0} unknown ids.)" : ""),
                "Write exactly one row per row of input/test.csv."));
        }

        errors.AddRange(tally.ToErrors());
        var missingIds = n - seen.Count(s => s);
        if (missingIds > 0)
        {
            var examples = Enumerable.Range(0, n).Where(i => !seen[i]).Take(3).Select(answers.Ids.IdAt);
            errors.Add(new SubmissionError(SubmissionErrorCodes.MissingIds,
                $"{missingIds:N0} test ids have no prediction, e.g. {string.Join(", ", examples)}.",
                "Predict every id in input/test.csv."));
        }

        return new SubmissionCheck
        {
            Found = true,
            Errors = errors,
            Rows = rows,
            Predictions = errors.Count == 0 ? new AlignedPredictions(labels, columns) : null,
        };
    }

    private static void ReadNumbers(SepReader.Row row, int[] positions, SubmissionFormat format, double[][] columns, int index, int line, ErrorTally tally)
    {
        var sum = 0.0;
        var rowOk = true;
        for (var c = 0; c < columns.Length; c++)
        {
            var col = row[positions[c + 1]];
            var name = format.PredictionColumns[c];
            if (!col.TryParse<double>(out var value)
                && !double.TryParse(col.Span.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                tally.Add(SubmissionErrorCodes.NonNumeric, "have a value that is not a number", $"line {line}, {name}: '{Clip(col.Span)}'",
                    "Write plain decimal numbers (for example 0.25 or 1.5e3), with no text, currency signs or thousands separators.");
                rowOk = false;
                continue;
            }

            if (!double.IsFinite(value))
            {
                tally.Add(SubmissionErrorCodes.NotFinite, "have NaN or infinity", $"line {line}, {name}: '{Clip(col.Span)}'",
                    "Replace missing predictions before writing (for example numpy.nan_to_num or fillna with a train statistic).");
                rowOk = false;
                continue;
            }

            if (format.Kind is PredictionKind.Probability or PredictionKind.ClassProbabilities && value is < 0 or > 1)
            {
                tally.Add(SubmissionErrorCodes.ProbabilityOutOfRange, "have a probability outside [0, 1]", $"line {line}, {name}: {Clip(col.Span)}",
                    "Submit probabilities (predict_proba), not scores or logits; clip to [0, 1].");
                rowOk = false;
            }

            if (format.NonNegative && value < 0)
            {
                tally.Add(SubmissionErrorCodes.InvalidValue, "have a negative value, which the log-based metric cannot take", $"line {line}, {name}: {Clip(col.Span)}",
                    "Clip predictions at 0 (numpy.clip(pred, 0, None)).");
                rowOk = false;
            }

            columns[c][index] = value;
            sum += value;
        }

        if (rowOk && format.Kind == PredictionKind.ClassProbabilities && Math.Abs(sum - 1) > SubmissionFormat.ProbabilitySumTolerance)
        {
            tally.Add(SubmissionErrorCodes.ProbabilitiesDoNotSumToOne, $"have class probabilities that do not sum to 1 (tolerance {SubmissionFormat.ProbabilitySumTolerance})",
                $"line {line}: sum {sum.ToString("G6", CultureInfo.InvariantCulture)}", "Normalise each row: p / p.sum(axis=1, keepdims=True).");
        }
    }

    /// <summary>The file_too_large error, also raised by the session before it copies an oversized file.</summary>
    public static SubmissionError TooLarge(long length, long maxBytes) => new(SubmissionErrorCodes.FileTooLarge,
        $"The submission is {length:N0} bytes; the limit is {maxBytes:N0}.",
        "Write one row per test id with only the required columns, and round long decimals.");

    private static SubmissionError Empty() => new(SubmissionErrorCodes.EmptyFile, "The submission has no rows.",
        "Write a header line and one row per test id.");

    private static SubmissionCheck Fail(bool found, params SubmissionError[] errors) => new() { Found = found, Errors = errors };

    private static string Clip(ReadOnlySpan<char> value) => value.Length <= 40 ? value.ToString() : string.Concat(value[..40], "...");
}
