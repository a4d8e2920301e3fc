using System.Globalization;

namespace MleDojo.Sandbox.Common;

/// <summary>Translates a pid seen inside a sandbox's pid namespace into the host pid the server can signal and measure.</summary>
internal static class NamespacePids
{
    /// <summary>
    /// The host pid of the descendant of <paramref name="rootPid"/> that is <paramref name="innerPid"/> one pid namespace
    /// down (the second entry of its NSpid line), or null when there is none (it has exited).
    /// </summary>
    public static int? HostPid(int rootPid, int innerPid)
    {
        foreach (var pid in ProcessTreeMemory.Descendants(rootPid))
        {
            if (InnerPids(pid) is [_, var inner, ..] && inner == innerPid)
            {
                return pid;
            }
        }

        return null;
    }

    private static int[] InnerPids(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("NSpid:", StringComparison.Ordinal))
                {
                    return line["NSpid:".Length..]
                        .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                        .Select(field => int.Parse(field, NumberStyles.None, CultureInfo.InvariantCulture))
                        .ToArray();
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // It exited between listing and reading.
        }

        return [];
    }
}
