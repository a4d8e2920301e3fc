using System.Security.Cryptography;
using System.Text;

namespace MleDojo.Core.Competitions.RawSources;

/// <summary>
/// The raw table is a corpus of raw emails, one file per message, in folders that each carry one label (SpamAssassin
/// style: <c>spam-1</c>, <c>easy-ham-1</c>, ...). Each message becomes its body text (<see cref="MailBody"/>: no
/// header, no Subject), in a <c>text</c> column beside a <c>label</c> column. Folders are read in the listed order and
/// files in ordinal name order; messages whose body is empty are skipped; identical bodies are kept once (the first),
/// and a body found under two different labels is dropped altogether.
/// </summary>
internal sealed class MailCorpusSource(IReadOnlyList<string> folders, IReadOnlyDictionary<string, string> labels, string pattern) : IRawSource
{
    /// <summary>Option: <c>folder=label</c> pairs separated by commas, one for every folder in <c>files</c>.</summary>
    public const string LabelsOption = "labels";

    /// <summary>Option: the file-name pattern of messages in each folder (default <c>*</c>).</summary>
    public const string PatternOption = "pattern";

    /// <summary>The column holding the body text.</summary>
    public const string TextColumn = "text";

    /// <summary>The column holding the folder's label.</summary>
    public const string LabelColumn = "label";

    public async Task<RawData> ReadAsync(CancellationToken cancellationToken)
    {
        var kept = new List<(string Body, string Label)>();
        var firstLabel = new Dictionary<string, string>(StringComparer.Ordinal);
        var conflicting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, label) in Messages())
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            string body;
            try
            {
                body = MailBody.Extract(bytes);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException)
            {
                throw new InvalidDataException($"{path}: cannot extract the message body ({e.Message})", e);
            }

            if (body.Length == 0)
            {
                continue;
            }

            if (firstLabel.TryGetValue(body, out var earlier))
            {
                if (earlier != label)
                {
                    conflicting.Add(body);
                }

                continue;
            }

            firstLabel.Add(body, label);
            kept.Add((body, label));
        }

        return new RawData([TextColumn, LabelColumn], [.. kept.Where(m => !conflicting.Contains(m.Body)).Select(m => new[] { m.Body, m.Label })]);
    }

    public async Task<string> FingerprintAsync(CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, label) in Messages())
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{Path.GetFileName(Path.GetDirectoryName(path))}/{Path.GetFileName(path)}={label}\n"));
            hash.AppendData(SHA256.HashData(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public async Task<int> CountRowsAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(cancellationToken).ConfigureAwait(false)).Rows.Count;

    /// <summary>Parses <see cref="LabelsOption"/> into folder name → label; null with a problem when malformed.</summary>
    public static IReadOnlyDictionary<string, string>? ParseLabels(IReadOnlyDictionary<string, string> options, IEnumerable<string> folders, out string? problem)
    {
        problem = null;
        if (!options.TryGetValue(LabelsOption, out var text) || string.IsNullOrWhiteSpace(text))
        {
            problem = $"data.source.options.{LabelsOption}: is required, as folder=label pairs separated by commas (for example \"spam=1,ham=0\")";
            return null;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == pair.Length - 1 || !labels.TryAdd(pair[..equals].Trim(), pair[(equals + 1)..].Trim()))
            {
                problem = $"data.source.options.{LabelsOption}: '{pair}' is not a folder=label pair, or names a folder twice";
                return null;
            }
        }

        var names = folders.Select(FolderName).ToList();
        var unlabelled = names.Where(n => !labels.ContainsKey(n)).ToList();
        var unknown = labels.Keys.Where(k => !names.Contains(k)).ToList();
        if (unlabelled.Count > 0 || unknown.Count > 0)
        {
            problem = $"data.source.options.{LabelsOption}: every folder in data.source.files needs exactly one label"
                + (unlabelled.Count > 0 ? $"; unlabelled: {string.Join(", ", unlabelled)}" : "")
                + (unknown.Count > 0 ? $"; not in files: {string.Join(", ", unknown)}" : "");
            return null;
        }

        return labels;
    }

    /// <summary>The label key of a folder: its last path segment.</summary>
    public static string FolderName(string folder) => Path.GetFileName(folder.TrimEnd('/', '\\'));

    private IEnumerable<(string Path, string Label)> Messages()
    {
        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder))
            {
                throw new InvalidDataException($"{folder}: is not a folder of messages; data.source.files of the mail_corpus reader name folders");
            }

            var label = labels[FolderName(folder)];
            foreach (var path in Directory.EnumerateFiles(folder, pattern).Order(StringComparer.Ordinal))
            {
                yield return (path, label);
            }
        }
    }
}
