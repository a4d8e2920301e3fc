using MleDojo.Core.Sessions;

namespace MleDojo.Server.Hosting;

/// <summary>The server's configuration, bound from the <c>MleDojo</c> section (appsettings.json, MLEDOJO_ environment variables, command-line flags).</summary>
public sealed class MleDojoOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "MleDojo";

    /// <summary>Data root. The default is $MLEDOJO_HOME, else ~/.mledojo.</summary>
    public string? Home { get; set; }

    /// <summary>Extra competition directories besides the shipped ones.</summary>
    public List<string> Competitions { get; set; } = [];

    /// <summary>Sandbox settings.</summary>
    public SandboxSettings Sandbox { get; set; } = new();

    /// <summary>Session settings and budget ceilings.</summary>
    public SessionOptions Sessions { get; set; } = new();
}
