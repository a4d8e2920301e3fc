using System.Globalization;

namespace MleDojo.Sandbox.Common;

/// <summary>
/// Measures the memory a process tree really holds, from /proc. Proportional anonymous plus shared-memory set size
/// (Pss_Anon + Pss_Shmem) counts pages shared after fork once, and leaves out file pages the kernel can drop.
/// </summary>
internal static class ProcessTreeMemory
{
    /// <summary>The memory of <paramref name="rootPid"/> and all its descendants, and how many processes that is.</summary>
    public static (long Bytes, int Processes) Measure(int rootPid)
    {
        var tree = Descendants(rootPid);
        long total = 0;
        foreach (var pid in tree)
        {
            total += MemoryOf(pid);
        }

        return (total, tree.Count);
    }

    /// <summary>
    /// The memory of a run forked from a warm template of <paramref name="templateAnonymousBytes"/>, and its process
    /// count. The pages the run inherited are the template's until the run writes them, so they must not count: the run
    /// is charged the larger of its private anonymous pages (Private_Dirty: written since the fork, or allocated) and
    /// its proportional anonymous memory less the whole template. Both are at most what the run really holds; the first
    /// is exact for a run of one process, the second comes close when the run forks many workers that share its own
    /// pages. Either way the template cannot push a run over its limit, and the run's error is at most the template's size.
    /// The <paramref name="prefaultedBytes"/> of template pages its spare copied before the run began are the template's
    /// too, and are left out.
    /// </summary>
    public static (long Bytes, int Processes) MeasureForked(int rootPid, long templateAnonymousBytes, long prefaultedBytes)
    {
        var tree = Descendants(rootPid);
        long privateBytes = 0;
        long proportional = 0;
        foreach (var pid in tree)
        {
            var (anon, shmem, dirty) = Rollup(pid);
            privateBytes += dirty + shmem;
            proportional += anon + shmem;
        }

        return (Math.Max(0, Math.Max(privateBytes, proportional - templateAnonymousBytes) - prefaultedBytes), tree.Count);
    }

    /// <summary>The pid and every descendant pid, from the parent links in /proc/*/stat.</summary>
    public static List<int> Descendants(int rootPid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var parent = ParentOf(pid);
            if (parent > 0)
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
        }

        var result = new List<int> { rootPid };
        for (var i = 0; i < result.Count; i++)
        {
            if (children.TryGetValue(result[i], out var list))
            {
                result.AddRange(list);
            }
        }

        return result;
    }

    private static int ParentOf(int pid)
    {
        var stat = ReadOrNull($"/proc/{pid}/stat");
        if (stat is null)
        {
            return -1;
        }

        // The command name (field 2) is in parentheses and may contain spaces or ')', so parse after the last ')'.
        var close = stat.LastIndexOf(')');
        var fields = stat[(close + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid) ? ppid : -1;
    }

    private static long MemoryOf(int pid)
    {
        var rollup = ReadOrNull($"/proc/{pid}/smaps_rollup");
        if (rollup is not null)
        {
            var anon = Field(rollup, "Pss_Anon:");
            var shmem = Field(rollup, "Pss_Shmem:");
            if (anon >= 0)
            {
                return (anon + Math.Max(0, shmem)) * 1024;
            }
        }

        // Kernels before 5.9 have no Pss_Anon; resident anonymous and shared memory counts forked pages twice, which
        // errs on the side of the host.
        var status = ReadOrNull($"/proc/{pid}/status");
        return status is null ? 0 : (Math.Max(0, Field(status, "RssAnon:")) + Math.Max(0, Field(status, "RssShmem:"))) * 1024;
    }

    // Pss_Anon, Pss_Shmem and Private_Dirty in bytes (0 when the process is gone or the kernel predates Pss_Anon).
    private static (long Anon, long Shmem, long PrivateDirty) Rollup(int pid)
    {
        var rollup = ReadOrNull($"/proc/{pid}/smaps_rollup");
        if (rollup is null)
        {
            return (0, 0, 0);
        }

        return (Math.Max(0, Field(rollup, "Pss_Anon:")) * 1024, Math.Max(0, Field(rollup, "Pss_Shmem:")) * 1024, Math.Max(0, Field(rollup, "Private_Dirty:")) * 1024);
    }

    // Value in kB of a "Name:   123 kB" line, or -1 when absent.
    private static long Field(string text, string name)
    {
        var start = text.IndexOf(name, StringComparison.Ordinal);
        if (start < 0)
        {
            return -1;
        }

        start += name.Length;
        var end = text.IndexOf('\n', start);
        var value = (end < 0 ? text[start..] : text[start..end]).Trim();
        var space = value.IndexOf(' ');
        return long.TryParse(space < 0 ? value : value[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : -1;
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            // The process exited between listing and reading.
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
