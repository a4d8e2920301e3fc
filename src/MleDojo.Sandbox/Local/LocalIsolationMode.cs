namespace MleDojo.Sandbox.Local;

/// <summary>How the local backend isolates agent code.</summary>
public enum LocalIsolationMode
{
    /// <summary>Bubblewrap when it works here, else <c>unshare</c>, else none (the last two only with <see cref="LocalSandboxOptions.AllowUnisolated"/>).</summary>
    Auto,

    /// <summary>
    /// bubblewrap: private mount, pid, network, ipc and uts namespaces; agent code sees only the workspace, the
    /// interpreter's files and a minimal <c>/etc</c>. Full isolation.
    /// </summary>
    Bubblewrap,

    /// <summary>
    /// util-linux <c>unshare</c>: private pid, network, ipc and uts namespaces, but the host filesystem stays visible.
    /// Network isolation only.
    /// </summary>
    Unshare,

    /// <summary>A plain process with a scrubbed environment and resource limits. No filesystem or network isolation.</summary>
    None,
}
