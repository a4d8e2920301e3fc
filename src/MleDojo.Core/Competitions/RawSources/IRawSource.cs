namespace MleDojo.Core.Competitions.RawSources;

/// <summary>Produces a competition's raw labelled table from files, offline and byte-for-byte reproducibly.</summary>
public interface IRawSource
{
    /// <summary>Reads the whole table.</summary>
    Task<RawData> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Hex SHA-256 over everything the table is built from, so a changed input rebuilds the prepared cache.</summary>
    Task<string> FingerprintAsync(CancellationToken cancellationToken);

    /// <summary>The number of data rows, cheaply where the format records it.</summary>
    Task<int> CountRowsAsync(CancellationToken cancellationToken);
}
