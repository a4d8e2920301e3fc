namespace MleDojo.Core.Execution;

/// <summary>Creates one sandbox per session. Implemented by MleDojo.Sandbox (local process, Docker).</summary>
public interface ISandboxProvider
{
    /// <summary>Backend name, for example <c>local</c> or <c>docker</c>.</summary>
    string Name { get; }

    /// <summary>What this backend can isolate on this machine, probed once.</summary>
    SandboxIsolation Isolation { get; }

    /// <summary>
    /// Where session workspaces must be created for this backend, or null for the data root's <c>workspaces</c>
    /// directory. A backend whose runs start on other machines names a directory they mount (a shared filesystem).
    /// </summary>
    string? WorkspacesRoot => null;

    /// <summary>Creates the sandbox bound to one session workspace.</summary>
    Task<ISandbox> CreateAsync(SandboxSpec spec, CancellationToken cancellationToken = default);
}
