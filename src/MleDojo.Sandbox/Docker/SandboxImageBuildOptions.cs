namespace MleDojo.Sandbox.Docker;

/// <summary>How <see cref="SandboxImageBuilder"/> builds the sandbox image offline from Debian packages.</summary>
public sealed class SandboxImageBuildOptions
{
    /// <summary>The image tag to create. Default <see cref="DockerSandboxOptions.DefaultImage"/>.</summary>
    public string Image { get; set; } = DockerSandboxOptions.DefaultImage;

    /// <summary>The Debian release. Default <c>bookworm</c>, the release whose Python stack the reference solutions use.</summary>
    public string Suite { get; set; } = "bookworm";

    /// <summary>The Debian mirror. Default: the first mirror of that release in this machine's apt sources, else http://deb.debian.org/debian.</summary>
    public string? Mirror { get; set; }

    /// <summary>Packages installed on top of the minimal base. Default: Debian's python3 with numpy, pandas, scipy, scikit-learn and xgboost.</summary>
    public IList<string> Packages { get; set; } = ["python3", "python3-numpy", "python3-pandas", "python3-scipy", "python3-sklearn", "python3-xgboost"];

    /// <summary>Where the root filesystem is assembled (about 1.2 GB, removed afterwards). Default /var/tmp.</summary>
    public string WorkDirectory { get; set; } = "/var/tmp";

    /// <summary>A directory where debootstrap keeps downloaded packages for the next build. Default: none.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>The uid and gid of the image's <c>agent</c> user. Default 1000, as <see cref="DockerSandboxOptions.AgentUid"/> expects.</summary>
    public int AgentUid { get; set; } = 1000;

    /// <inheritdoc cref="AgentUid"/>
    public int AgentGid { get; set; } = 1000;

    /// <summary>Build even when the image already exists. Default false.</summary>
    public bool Force { get; set; }

    /// <summary>Which engine to import into (endpoint and TLS settings; the other settings are ignored).</summary>
    public DockerSandboxOptions Engine { get; set; } = new();
}
