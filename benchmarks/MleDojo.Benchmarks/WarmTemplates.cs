using System.Globalization;

namespace MleDojo.Benchmarks;

/// <summary>The warm template processes of one benchmark server, found from /proc by the server's home on its command line.</summary>
internal static class WarmTemplates
{
    private const string Script = "mledojo_warm_template.py";

    /// <summary>
    /// Each template under the server started with <paramref name="home"/> (the interpreter itself, not the setsid and
    /// bubblewrap processes whose command lines also name the script, nor its spare run, forked from it): pid, resident
    /// and anonymous resident kB, and the kB its spare holds privately (its copy of the template's pages).
    /// </summary>
    public static IEnumerable<(int Pid, long RssKb, long AnonymousKb, long SparePrivateKb)> Under(string home)
    {
        var interpreters = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && CommandLine(pid).Contains(Script, StringComparison.Ordinal)
                && Read($"/proc/{pid}/comm").StartsWith("python", StringComparison.Ordinal)
                && HasAncestor(pid, home))
            {
                interpreters.Add(pid);
            }
        }

        foreach (var pid in interpreters.Where(p => !interpreters.Contains(Parent(p))))
        {
            var status = Read($"/proc/{pid}/status");
            var spare = interpreters.Where(p => IsBelow(p, pid)).Sum(p => Field(Read($"/proc/{p}/smaps_rollup"), "Private_Dirty:"));
            yield return (pid, Field(status, "VmRSS:"), Field(status, "RssAnon:"), spare);
        }
    }

    private static bool IsBelow(int pid, int ancestor)
    {
        for (var current = Parent(pid); current > 1; current = Parent(current))
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasAncestor(int pid, string home)
    {
        for (var current = Parent(pid); current > 1; current = Parent(current))
        {
            if (CommandLine(current).Contains(home, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static int Parent(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        var fields = stat.Length == 0 ? [] : stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : -1;
    }

    private static string CommandLine(int pid) => Read($"/proc/{pid}/cmdline").Replace('\0', ' ');

    private static long Field(string status, string name) =>
        status.Split('\n').FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal)) is { } line
            ? long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)
            : 0;

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
