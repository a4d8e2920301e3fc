using System.Globalization;
using MleDojo.Core.Platform;

namespace MleDojo.Sandbox.Local;

/// <summary>
/// The account and name-service files bubblewrap binds over /etc. Generated rather than taken from the host so agent
/// code learns no host account names, and so its uid has a name (some libraries call getpwuid and fail without one).
/// nsswitch.conf uses files only, so name lookups fail at once instead of waiting on a resolver that cannot be reached.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class EtcFiles
{
    public static async Task WriteAsync(string directory, SandboxIdentity? identity, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var uid = (identity?.Uid ?? (int)LibC.GetEffectiveUserId()).ToString(CultureInfo.InvariantCulture);
        var gid = (identity?.Gid ?? (int)LibC.GetEffectiveGroupId()).ToString(CultureInfo.InvariantCulture);
        var files = new Dictionary<string, string>
        {
            ["passwd"] = $"root:x:0:0:root:/root:/usr/sbin/nologin\nagent:x:{uid}:{gid}:agent:/tmp:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
            ["group"] = $"root:x:0:\nagent:x:{gid}:\nnogroup:x:65534:\n",
            ["hosts"] = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n",
            ["nsswitch.conf"] = "passwd: files\ngroup: files\nshadow: files\nhosts: files\nnetworks: files\nprotocols: files\nservices: files\n",
        };
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(directory, name);
            await File.WriteAllTextAsync(path, content, cancellationToken).ConfigureAwait(false);
            File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("644", 8));
        }
    }
}
