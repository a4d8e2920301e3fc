namespace MleDojo.Sandbox.Local;

/// <summary>The unprivileged uid and gid a session's agent code runs as when the server is root.</summary>
internal sealed record SandboxIdentity(int Uid, int Gid)
{
    /// <summary>
    /// A stable uid for a session: the same session gets the same uid after a server restart, so files it wrote stay
    /// its own. Two live sessions sharing a uid only share a process budget; namespaces keep them apart otherwise.
    /// </summary>
    public static SandboxIdentity ForSession(string sessionId, int uidBase, int uidCount)
    {
        // FNV-1a: string.GetHashCode is randomised per process and would not survive a restart.
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(sessionId))
        {
            hash = (hash ^ b) * 16777619u;
        }

        var uid = uidBase + (int)(hash % (uint)uidCount);
        return new SandboxIdentity(uid, uid);
    }
}
