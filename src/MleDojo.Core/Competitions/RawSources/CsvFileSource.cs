using MleDojo.Core.Data;

namespace MleDojo.Core.Competitions.RawSources;

/// <summary>The raw table is one CSV (optionally gzip-compressed) shipped in the competition folder.</summary>
internal sealed class CsvFileSource(string path) : IRawSource
{
    public Task<RawData> ReadAsync(CancellationToken cancellationToken)
    {
        var (header, rows) = CsvText.ReadAll(path);
        return Task.FromResult(new RawData(header, rows));
    }

    public Task<string> FingerprintAsync(CancellationToken cancellationToken) => Sha256File.ComputeAsync(path, cancellationToken);

    public Task<int> CountRowsAsync(CancellationToken cancellationToken) => Task.FromResult(CsvText.CountRows(path));
}
