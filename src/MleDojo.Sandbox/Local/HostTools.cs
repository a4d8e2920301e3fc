namespace MleDojo.Sandbox.Local;

/// <summary>Absolute paths of the host programs the local backend chains in front of the interpreter (null when missing).</summary>
internal sealed record HostTools(
    string? Bwrap,
    string? Unshare,
    string? Setsid,
    string? Prlimit,
    string? Setpriv,
    string? Choom)
{
    // Standard locations first: the sandbox only sees /usr (and its /bin, /sbin links), so tools elsewhere cannot run inside it.
    private static readonly string[] StandardDirectories = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"];

    public static HostTools Find() => new(
        Locate("bwrap"),
        Locate("unshare"),
        Locate("setsid"),
        Locate("prlimit"),
        Locate("setpriv"),
        Locate("choom"));

    /// <summary>Resolves a program name the way a shell would, preferring the standard system directories.</summary>
    public static string? Locate(string name)
    {
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in StandardDirectories.Concat(path.Split(':', StringSplitOptions.RemoveEmptyEntries)))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
