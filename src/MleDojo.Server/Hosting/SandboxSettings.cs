namespace MleDojo.Server.Hosting;

/// <summary>Which sandbox backend runs agent code, and how.</summary>
public sealed class SandboxSettings
{
    /// <summary><c>local</c> (default, embedded) or <c>docker</c>.</summary>
    public string Backend { get; set; } = "local";

    /// <summary>Interpreter for the local backend. The default is /usr/bin/python3 where it exists, else python3 on PATH.</summary>
    public string? Python { get; set; }

    /// <summary>Run agent code even where the machine cannot isolate it (recorded with every session). The default is false.</summary>
    public bool AllowUnisolated { get; set; }

    /// <summary>Settings of the <c>docker</c> backend.</summary>
    public DockerSandboxSettings Docker { get; set; } = new();
}
