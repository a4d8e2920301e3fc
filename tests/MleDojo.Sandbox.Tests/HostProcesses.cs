using System.Globalization;

namespace MleDojo.Tests.Common;

/// <summary>What the host sees of the local sandbox's processes, which run under a per-session uid.</summary>
internal static partial class HostProcesses
{
    /// <summary>Pids whose real uid is <paramref name="uid"/>.</summary>
    public static List<int> OfUid(int uid)
    {
        var found = new List<int>();
        foreach (var pid in Pids())
        {
            var status = Read($"/proc/{pid}/status");
            var line = status?.Split('\n').FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            var real = line?.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
            if (real == uid.ToString(CultureInfo.InvariantCulture))
            {
                found.Add(pid);
            }
        }

        return found;
    }
}
