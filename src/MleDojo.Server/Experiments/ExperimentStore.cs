using System.Text.Json;

namespace MleDojo.Server.Experiments;

/// <summary>
/// An experiment's directory, <c>$MLEDOJO_HOME/experiments/&lt;id&gt;/</c>: one JSON file per finished cell, each written
/// whole (a temporary file moved into place), so a cell is either recorded or not, never half.
/// </summary>
internal sealed class ExperimentStore(string directory)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Directory { get; } = directory;

    public string PathOf(ExperimentCell cell) => Path.Combine(Directory, $"{cell.Key}.json");

    /// <summary>The cells recorded so far, by cell key.</summary>
    public Dictionary<string, CellRecord> Finished()
    {
        var finished = new Dictionary<string, CellRecord>(StringComparer.Ordinal);
        if (!System.IO.Directory.Exists(Directory))
        {
            return finished;
        }

        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*.json"))
        {
            if (JsonSerializer.Deserialize<CellRecord>(File.ReadAllText(path), Json) is { } record)
            {
                finished[record.Cell] = record;
            }
        }

        return finished;
    }

    /// <summary>Records a finished cell: written to a temporary file, then moved over its name.</summary>
    public async Task WriteAsync(ExperimentCell cell, CellRecord record, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var temporary = Path.Combine(Directory, $".{cell.Key}.{Guid.NewGuid():N}.tmp");
        await using (var file = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(file, record, Json, cancellationToken).ConfigureAwait(false);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, PathOf(cell), overwrite: true);
    }

    /// <summary>Removes the temporary files an interrupted run left behind.</summary>
    public void RemoveLeftovers()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            foreach (var path in System.IO.Directory.EnumerateFiles(Directory, ".*.tmp"))
            {
                File.Delete(path);
            }
        }
    }
}
