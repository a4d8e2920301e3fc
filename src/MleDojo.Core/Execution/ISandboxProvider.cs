namespace MleDojo.Core.Execution;

/// <summary>Creates one sandbox per session. Implemented by MleDojo.Sandbox (local process, Docker).</summary>
public interface ISandboxProvider
{
    /// <summary>Backend name, for example <c>local</c> or <c>docker</c>.</summary>
    string Name { get; }

    /// <summary>What this backend can isolate on this machine, probed once.</summary>
    SandboxIsolation Isolation { get; }

    /// <summary>Creates the sandbox bound to one session workspace.</summary>
    Task<ISandbox> CreateAsync(SandboxSpec spec, CancellationToken cancellationToken = default);
}
