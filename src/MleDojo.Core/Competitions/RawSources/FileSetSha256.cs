using System.Security.Cryptography;
using System.Text;
using MleDojo.Core.Data;

namespace MleDojo.Core.Competitions.RawSources;

/// <summary>One SHA-256 over several files, in order, so a change to any of them changes the fingerprint.</summary>
internal static class FileSetSha256
{
    public static async Task<string> ComputeAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in paths)
        {
            hash.AppendData(Encoding.ASCII.GetBytes(await Sha256File.ComputeAsync(path, cancellationToken).ConfigureAwait(false) + "\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
