using System.Security.Cryptography;

namespace MleDojo.Core.Data;

internal static class Sha256File
{
    public static async Task<string> ComputeAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The SHA-256 of every file under <paramref name="root"/>, keyed by its '/'-separated relative path, in ordinal order.</summary>
    public static async Task<SortedDictionary<string, string>> ComputeTreeAsync(string root, CancellationToken cancellationToken)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            files[Path.GetRelativePath(root, path).Replace('\\', '/')] = await ComputeAsync(path, cancellationToken).ConfigureAwait(false);
        }

        return files;
    }
}
