using System.Globalization;

namespace MleDojo.Testing;

/// <summary>
/// What the host sees of processes, from /proc, to check that runs leave nothing behind. Runs live in their own pid
/// namespace (or container), so a pid printed by agent code means nothing out here: processes are found by a unique
/// token on their command line, by the per-session uid they run as, or by their container's cgroup.
/// </summary>
public static class HostProcesses
{
    /// <summary>Pids whose command line contains <paramref name="token"/>.</summary>
    public static List<int> WithToken(string token) =>
        Pids().Where(pid => Read($"/proc/{pid}/cmdline") is { } cmdline && cmdline.Replace('\0', ' ').Contains(token, StringComparison.Ordinal)).ToList();

    /// <summary>Pids whose real uid is <paramref name="uid"/> (the local sandbox's per-session uid).</summary>
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

    /// <summary>
    /// Pids whose real uid is <paramref name="uid"/>, leaving out a warm session's spare run: between runs its init and
    /// runner wait as that uid, pids 1 and 2 of a pid namespace that holds nothing else. What a finished run left behind
    /// is everything else.
    /// </summary>
    public static List<int> OfUidBesidesASpare(int uid)
    {
        var byNamespace = OfUid(uid).GroupBy(pid => NamespaceOf(pid));
        return byNamespace
            .Where(group => group.Count() > 2 || group.Any(pid => InnermostPid(pid) is not (1 or 2)))
            .SelectMany(group => group)
            .ToList();
    }

    /// <summary>
    /// Pids in the container's cgroup: every process and thread's leader the container holds (the test engine runs on
    /// this machine).
    /// </summary>
    public static List<int> InContainer(string containerId) =>
        Pids().Where(pid => Read($"/proc/{pid}/cgroup") is { } cgroup && cgroup.Contains(containerId, StringComparison.Ordinal)).ToList();

    /// <summary>The process's private dirty memory (pages it wrote or copied), 0 once it is gone.</summary>
    public static long PrivateDirtyBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Private_Dirty:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string NamespaceOf(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/ns/pid").LinkTarget ?? "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static int InnermostPid(int pid)
    {
        var line = Read($"/proc/{pid}/status")?.Split('\n').FirstOrDefault(l => l.StartsWith("NSpid:", StringComparison.Ordinal));
        var last = line?.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var inner) ? inner : -1;
    }

    /// <summary>Polls until <paramref name="condition"/> holds or the time is up; returns whether it held.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(100, cancellationToken);
        }

        return condition();
    }

    private static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : -1)
            .Where(pid => pid > 0);

    /// <summary>A /proc file's text, or null when the process ended while we looked (or is not ours to read).</summary>
    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
