using MleDojo.Core.Competitions.RawSources;

namespace MleDojo.Core.Competitions;

/// <summary>The raw file after the spec's column operations: dropped rows and columns, renames and target map applied.</summary>
internal sealed class RawTable
{
    private readonly int[] _featureIndices;
    private readonly int[] _targetIndices;
    private readonly IReadOnlyDictionary<string, string> _targetMap;
    private readonly double? _threshold;

    private RawTable(string[] header, List<string[]> rows, int[] featureIndices, string[] featureNames, int[] targetIndices, IReadOnlyDictionary<string, string> targetMap, double? threshold, int droppedRows)
    {
        _threshold = threshold;
        Header = header;
        Rows = rows;
        _featureIndices = featureIndices;
        FeatureNames = featureNames;
        _targetIndices = targetIndices;
        _targetMap = targetMap;
        DroppedRows = droppedRows;
    }

    public string[] Header { get; }

    public List<string[]> Rows { get; }

    public string[] FeatureNames { get; }

    public int DroppedRows { get; }

    public string[] Features(string[] row)
    {
        var result = new string[_featureIndices.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = row[_featureIndices[i]];
        }

        return result;
    }

    public string[] Targets(string[] row)
    {
        var result = new string[_targetIndices.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var raw = row[_targetIndices[i]];
            result[i] = _threshold is { } threshold ? (ParseNumber(raw) >= threshold ? "1" : "0")
                : _targetMap.Count > 0 && _targetMap.TryGetValue(raw, out var mapped) ? mapped : raw;
        }

        return result;
    }

    public int IndexOf(string column) => Array.IndexOf(Header, column);

    public static async Task<RawTable> LoadAsync(CompetitionSpec spec, IRawSource source, CancellationToken cancellationToken)
    {
        string[] header;
        List<string[]> rows;
        try
        {
            (header, rows) = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            // Readers name the damaged file; the spec path tells the operator which competition cannot be built.
            throw new CompetitionSpecException(spec.SpecPath, [$"data.source: {ex.Message}"]);
        }

        var problems = new List<string>();
        var data = spec.Data;
        int Find(string column, string field)
        {
            var index = Array.IndexOf(header, column);
            if (index < 0)
            {
                problems.Add($"{field}: column '{column}' is not in the raw file (columns: {string.Join(", ", header.Take(30))})");
            }

            return index;
        }

        var targetIndices = data.RawTargets.Select(t => Find(t, "data.target")).ToArray();
        var dropped = data.DropColumns.Select(d => Find(d.Name, "data.drop_columns")).ToHashSet();
        foreach (var from in data.RenameColumns.Keys)
        {
            Find(from, "data.rename_columns");
        }

        if (spec.Split.TimeColumn is { } timeColumn)
        {
            Find(timeColumn, "split.time_column");
        }

        if (spec.Split.GroupColumn is { } groupColumn && Find(groupColumn, "split.group_column") is var groupIndex and >= 0 && targetIndices.Contains(groupIndex))
        {
            problems.Add($"split.group_column: '{groupColumn}' is a target column; group by a column that identifies related rows (a school, a patient)");
        }

        var featureIndices = Enumerable.Range(0, header.Length).Where(i => !targetIndices.Contains(i) && !dropped.Contains(i)).ToArray();
        var featureNames = featureIndices.Select(i => data.RenameColumns.TryGetValue(header[i], out var renamed) ? renamed : header[i]).ToArray();
        var clash = featureNames.Concat(data.TargetColumns).FirstOrDefault(n => string.Equals(n, data.IdColumn, StringComparison.OrdinalIgnoreCase));
        if (clash is not null)
        {
            problems.Add($"data.id_column: '{data.IdColumn}' collides with a raw column; drop the raw id (data.drop_columns) since original ids let rows be joined back to public copies");
        }

        if (problems.Count > 0)
        {
            throw new CompetitionSpecException(spec.SpecPath, problems);
        }

        var kept = rows;
        if (data.DropRowsMissingTarget)
        {
            kept = [.. rows.Where(r => targetIndices.All(t => !MissingValues.IsMissing(r[t])))];
        }

        if (data.TargetMap.Count > 0)
        {
            var unmapped = kept.SelectMany(r => targetIndices.Select(t => r[t])).Distinct(StringComparer.Ordinal).Where(v => !data.TargetMap.ContainsKey(v)).Take(5).ToList();
            if (unmapped.Count > 0)
            {
                throw new CompetitionSpecException(spec.SpecPath, [$"data.target_map: raw target values without a mapping: {string.Join(", ", unmapped.Select(v => $"'{v}'"))}"]);
            }
        }

        if (data.BinarizeTargetAt is not null)
        {
            var bad = kept.Select(r => r[targetIndices[0]]).Where(v => double.IsNaN(ParseNumber(v))).Distinct(StringComparer.Ordinal).Take(5).ToList();
            if (bad.Count > 0)
            {
                throw new CompetitionSpecException(spec.SpecPath, [$"data.binarize_target_at: raw target values that are not numbers: {string.Join(", ", bad.Select(v => $"'{v}'"))}"]);
            }
        }

        if (kept.Count < 4)
        {
            throw new CompetitionSpecException(spec.SpecPath, [$"data.raw: only {kept.Count} usable rows; a competition needs at least 4"]);
        }

        return new RawTable(header, kept, featureIndices, featureNames, targetIndices, data.TargetMap, data.BinarizeTargetAt, rows.Count - kept.Count);
    }

    private static double ParseNumber(string text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && !double.IsNaN(value)
            ? value
            : double.NaN;
}
