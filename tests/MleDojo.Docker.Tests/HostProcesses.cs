namespace MleDojo.Docker.Tests;

/// <summary>What the host sees of container processes, from /proc (the test engine runs on this machine).</summary>
internal static class HostProcesses
{
    /// <summary>Pids whose command line contains <paramref name="token"/>.</summary>
    public static List<int> WithToken(string token) =>
        Pids().Where(pid => Read($"/proc/{pid}/cmdline") is { } cmdline && cmdline.Replace('\0', ' ').Contains(token, StringComparison.Ordinal)).ToList();

    /// <summary>Pids in the container's cgroup: every process and thread's leader the container holds.</summary>
    public static List<int> InContainer(string containerId) =>
        Pids().Where(pid => Read($"/proc/{pid}/cgroup") is { } cgroup && cgroup.Contains(containerId, StringComparison.Ordinal)).ToList();

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
