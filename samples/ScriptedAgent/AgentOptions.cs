namespace MleDojo.Samples.ScriptedAgent;

/// <summary>The agent's command line. Flags it does not know are passed through to <c>mledojo serve</c>.</summary>
internal sealed record AgentOptions
{
    public const string Usage = """
        ScriptedAgent: plays one full Titanic episode against an MleDojo MCP server over stdio. No LLM: a fixed script.

        usage: ScriptedAgent [--server <path to mledojo>] [--samples <dir>] [--home <dir>] [--competition <id>]
                             [--progress-interval <s>] [--verbose] [serve flags...] [-- serve flags...]

          --server <path>          the mledojo executable (default: src/MleDojo.Server/bin/Release/net10.0/mledojo in the repo)
          --samples <dir>          the Titanic sample scripts (default: samples/titanic in the repo)
          --home <dir>             data root for the server (sets MLEDOJO_HOME; default: inherited, else ~/.mledojo)
          --competition <id>       competition to play (default: titanic; the scripts are written for titanic)
          --progress-interval <s>  seconds between the server's progress notifications (default 1, so they show)
          --verbose                echo the server's log (stderr) as it arrives
          anything else            passed to `mledojo serve`, e.g. --sandbox local --max-steps 10
        """;

    public required string Server { get; init; }

    public required string Samples { get; init; }

    public string? Home { get; init; }

    public string Competition { get; init; } = "titanic";

    public double ProgressIntervalSeconds { get; init; } = 1;

    public bool Verbose { get; init; }

    public IReadOnlyList<string> ServeArguments { get; init; } = [];

    /// <summary>Parses the command line; returns null with an error message when it is wrong.</summary>
    public static (AgentOptions? Options, string? Error) Parse(string[] args)
    {
        string? server = null, samples = null, home = null, competition = null;
        double interval = 1;
        var verbose = false;
        var passthrough = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Value(string flag) =>
                i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{flag} needs a value.");

            try
            {
                switch (args[i])
                {
                    case "--server": server = Value("--server"); break;
                    case "--samples": samples = Value("--samples"); break;
                    case "--home": home = Value("--home"); break;
                    case "--competition": competition = Value("--competition"); break;
                    case "--progress-interval":
                        var text = Value("--progress-interval");
                        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out interval) || interval <= 0)
                        {
                            return (null, $"--progress-interval must be a positive number of seconds, not '{text}'.");
                        }

                        break;
                    case "--verbose": verbose = true; break;
                    case "-h" or "--help": return (null, "");
                    case "--": passthrough.AddRange(args[(i + 1)..]); i = args.Length; break;
                    default: passthrough.Add(args[i]); break;
                }
            }
            catch (ArgumentException ex)
            {
                return (null, ex.Message);
            }
        }

        var root = RepoRoot();
        server ??= root is null ? null : Path.Combine(root, "src", "MleDojo.Server", "bin", "Release", "net10.0", "mledojo");
        samples ??= root is null ? null : Path.Combine(root, "samples", "titanic");
        if (server is null || !File.Exists(server))
        {
            return (null, server is null
                ? "Cannot find the repository to locate the server: pass --server <path to mledojo>."
                : $"The server executable '{server}' does not exist. Build it (dotnet build MleDojo.Mcp.sln -c Release) or pass --server.");
        }

        if (samples is null || !Directory.Exists(samples))
        {
            return (null, samples is null
                ? "Cannot find the repository to locate the sample scripts: pass --samples <dir>."
                : $"The samples directory '{samples}' does not exist; pass --samples <dir with 00_explore.py ...>.");
        }

        return (new AgentOptions
        {
            Server = Path.GetFullPath(server),
            Samples = Path.GetFullPath(samples),
            Home = home is null ? null : Path.GetFullPath(home),
            Competition = competition ?? "titanic",
            ProgressIntervalSeconds = interval,
            Verbose = verbose,
            ServeArguments = passthrough,
        }, null);
    }

    /// <summary>The repository root: the first parent of the assembly (or of the working directory) that holds MleDojo.Mcp.sln.</summary>
    private static string? RepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MleDojo.Mcp.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
