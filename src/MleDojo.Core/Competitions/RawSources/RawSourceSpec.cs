namespace MleDojo.Core.Competitions.RawSources;

/// <summary>
/// Where a competition's raw labelled table comes from: a CSV in the competition folder (<c>data.raw</c>), or
/// files of an installed Debian or npm package turned into a table by a named reader (<c>data.source</c>), for
/// data too large for git.
/// </summary>
public sealed record RawSourceSpec
{
    /// <summary>The reader that turns the files into a table; <c>csv</c> for <c>data.raw</c>.</summary>
    public required string Reader { get; init; }

    /// <summary>Absolute path of the CSV in the competition folder, for <c>data.raw</c>.</summary>
    public string? LocalFile { get; init; }

    /// <summary>The package that ships the files, for <c>data.source</c>.</summary>
    public PackageReference? Package { get; init; }

    /// <summary>Files inside the package: absolute paths for Debian, paths relative to the package root for npm.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Reader-specific settings, as written in the spec.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>A source that reads one CSV (optionally gzip-compressed) from the competition folder.</summary>
    public static RawSourceSpec Csv(string path) => new() { Reader = RawSourceReaders.Csv, LocalFile = path };
}
