using System.Collections.Concurrent;
using MleDojo.Core.Competitions.RawSources;

namespace MleDojo.Core.Competitions;

/// <summary>The registry plus row counts, computed once per competition from its raw data.</summary>
public sealed class CompetitionCatalog(CompetitionRegistry registry, DatasetPackages packages)
{
    private readonly ConcurrentDictionary<string, (int? Rows, string? Unavailable)> _rows = new(StringComparer.Ordinal);

    /// <summary>The underlying registry.</summary>
    public CompetitionRegistry Registry { get; } = registry;

    /// <summary>Summaries of the competitions matching every tag or category given (all when none are).</summary>
    public async Task<IReadOnlyList<CompetitionSummary>> ListAsync(IReadOnlyCollection<string>? tagsOrCategories = null, CancellationToken cancellationToken = default)
    {
        var summaries = new List<CompetitionSummary>();
        foreach (var spec in Registry.Filter(tagsOrCategories ?? []))
        {
            if (!_rows.TryGetValue(spec.Id, out var count))
            {
                count = await CountRowsAsync(spec, cancellationToken).ConfigureAwait(false);

                // Only counts are kept: an unavailable competition is looked at again, so installing its package
                // while the server runs shows up in the next listing.
                if (count.Rows is not null)
                {
                    _rows.TryAdd(spec.Id, count);
                }
            }

            summaries.Add(CompetitionSummary.From(spec, count.Rows, count.Unavailable));
        }

        return summaries;
    }

    // A competition whose data package is missing is still listed, with the install command, rather than hidden.
    private async Task<(int? Rows, string? Unavailable)> CountRowsAsync(CompetitionSpec spec, CancellationToken cancellationToken)
    {
        if (spec.Imported is { } imported)
        {
            return (imported.Rows, null);
        }

        try
        {
            return (await RawSourceReaders.Open(spec, packages).CountRowsAsync(cancellationToken).ConfigureAwait(false), null);
        }
        catch (MissingPackageException ex)
        {
            return (null, ex.Message);
        }
        catch (InvalidDataException ex)
        {
            return (null, $"its raw data cannot be read: {ex.Message}");
        }
        catch (CompetitionSpecException ex)
        {
            return (null, ex.Message);
        }
    }
}
