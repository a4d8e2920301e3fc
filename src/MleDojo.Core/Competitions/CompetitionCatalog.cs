using System.Collections.Concurrent;
using MleDojo.Core.Data;

namespace MleDojo.Core.Competitions;

/// <summary>The registry plus row counts, computed once per competition from the raw file.</summary>
public sealed class CompetitionCatalog(CompetitionRegistry registry)
{
    private readonly ConcurrentDictionary<string, int> _rows = new(StringComparer.Ordinal);

    /// <summary>The underlying registry.</summary>
    public CompetitionRegistry Registry { get; } = registry;

    /// <summary>Summaries, optionally filtered by tag or category.</summary>
    public IReadOnlyList<CompetitionSummary> List(string? tagOrCategory = null) =>
        [.. Registry.Filter(tagOrCategory).Select(spec => CompetitionSummary.From(spec, _rows.GetOrAdd(spec.Id, _ => CountRows(spec))))];

    private static int CountRows(CompetitionSpec spec)
    {
        if (spec.Imported is { } imported)
        {
            return imported.Rows;
        }

        using var stream = CsvText.OpenRead(spec.Data.RawPath);
        using var reader = CsvText.CreateReader(stream);
        var count = 0;
        foreach (var _ in reader)
        {
            count++;
        }

        return count;
    }
}
