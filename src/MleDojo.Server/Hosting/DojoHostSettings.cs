namespace MleDojo.Server.Hosting;

/// <summary>How <see cref="DojoHost"/> builds a host: where appsettings.json is, which environment, what the console log shows.</summary>
internal sealed record DojoHostSettings
{
    /// <summary>The directory holding appsettings.json. The default is the executable's directory.</summary>
    public string ContentRoot { get; init; } = AppContext.BaseDirectory;

    /// <summary>
    /// Environment variables to read configuration from instead of the process's (tests layer their own without
    /// touching the process environment other tests' child processes inherit). Null reads the process environment.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>What the log shows on stderr.</summary>
    public DojoConsoleLog ConsoleLog { get; init; } = DojoConsoleLog.Verb;
}
