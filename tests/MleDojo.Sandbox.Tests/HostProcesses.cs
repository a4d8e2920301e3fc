using System.Globalization;

namespace MleDojo.Sandbox.Tests;

/// <summary>What the host sees of processes, from /proc, to check that runs leave nothing behind.</summary>
internal static class HostProcesses
{
    /// <summary>Pids whose command line contains <paramref name="token"/>.</summary>
    public static List<int> WithToken(string token)
    {
        var found = new List<int>();
        foreach (var pid in Pids())
        {
            var cmdline = Read($"/proc/{pid}/cmdline");
            if (cmdline is not null && cmdline.Replace('\0', ' ').Contains(token, StringComparison.Ordinal))
            {
                found.Add(pid);
            }
        }

        return found;
    }

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
