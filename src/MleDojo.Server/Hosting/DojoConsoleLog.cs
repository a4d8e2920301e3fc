namespace MleDojo.Server.Hosting;

/// <summary>What the log shows on stderr (the log file always gets everything from Information up).</summary>
internal enum DojoConsoleLog
{
    /// <summary>A CLI verb: only warnings and errors, as <c>warning: ...</c>, so they stand apart from the verb's own output.</summary>
    Verb,

    /// <summary>The MCP server: everything from Information up, timestamped (stdout carries the protocol, so stderr is the console).</summary>
    Server,
}
