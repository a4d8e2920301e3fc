namespace MleDojo.Tests.Common;

/// <summary>
/// What the host sees of processes, from /proc, to check that runs leave nothing behind. The part both sandbox test
/// projects use; each adds its own way of finding a run's processes (by uid, by container) in a partial next to it.
/// </summary>
internal static partial class HostProcesses
{
    /// <summary>Pids whose command line contains <paramref name="token"/>.</summary>
    public static List<int> WithToken(string token) =>
        Pids().Where(pid => Read($"/proc/{pid}/cmdline") is { } cmdline && cmdline.Replace('\0', ' ').Contains(token, StringComparison.Ordinal)).ToList();

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
