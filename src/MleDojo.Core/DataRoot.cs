namespace MleDojo.Core;

/// <summary>
/// The server's private storage: prepared competitions (answers included), session workspaces, the SQLite
/// database and logs. Agent code never sees this directory except its own workspace.
/// </summary>
/// <param name="Path">Absolute root directory.</param>
public sealed record DataRoot(string Path)
{
    /// <summary>Environment variable that overrides the default location.</summary>
    public const string EnvironmentVariable = "MLEDOJO_HOME";

    /// <summary>Prepared competitions, one folder per id.</summary>
    public string Prepared => System.IO.Path.Combine(Path, "prepared");

    /// <summary>Session workspaces, one folder per session id.</summary>
    public string Workspaces => System.IO.Path.Combine(Path, "workspaces");

    /// <summary>Server-private per-session data (submission snapshots), never mounted into a sandbox.</summary>
    public string Sessions => System.IO.Path.Combine(Path, "sessions");

    /// <summary>The SQLite database of sessions, steps and scores.</summary>
    public string DatabasePath => System.IO.Path.Combine(Path, "mledojo.db");

    /// <summary>User competition folders (<c>mledojo import</c> writes here); loaded by default after the shipped ones.</summary>
    public string Competitions => System.IO.Path.Combine(Path, "competitions");

    /// <summary>Server-private scratch space for imports and external grading runs.</summary>
    public string Scratch => System.IO.Path.Combine(Path, "scratch");

    /// <summary>Server log files.</summary>
    public string Logs => System.IO.Path.Combine(Path, "logs");

    /// <summary>Transcripts of the episodes an LLM agent of this server played (<c>mledojo agent run</c>), one JSON file per session.</summary>
    public string Transcripts => System.IO.Path.Combine(Path, "transcripts");

    /// <summary>Experiments run by <c>mledojo eval</c>: a directory per experiment id, a JSON file per finished cell.</summary>
    public string Experiments => System.IO.Path.Combine(Path, "experiments");

    /// <summary><c>$MLEDOJO_HOME</c> when set, otherwise <c>~/.mledojo</c>.</summary>
    public static DataRoot FromEnvironment(string? overridePath = null)
    {
        var path = overridePath
            ?? Environment.GetEnvironmentVariable(EnvironmentVariable)
            ?? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".mledojo");
        return new DataRoot(System.IO.Path.GetFullPath(path));
    }
}
