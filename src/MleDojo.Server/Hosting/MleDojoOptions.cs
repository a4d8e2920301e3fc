namespace MleDojo.Server.Hosting;

/// <summary>Where the server keeps its data and finds competitions (<c>MleDojo</c> section).</summary>
public sealed class MleDojoOptions
{
    /// <summary>Data root. The default is $MLEDOJO_HOME, else ~/.mledojo.</summary>
    public string? Home { get; set; }

    /// <summary>Extra competition directories besides the shipped ones.</summary>
    public List<string> Competitions { get; set; } = [];
}
