using System.Globalization;

namespace MleDojo.Samples.SolutionAgent;

/// <summary>The command line. Flags it does not know go to <c>mledojo serve</c>.</summary>
internal sealed record SolutionOptions
{
    public const string Usage = """
        SolutionAgent: plays competitions with their shipped solution scripts over MCP (stdio), labelled for reports. No LLM.

        usage: SolutionAgent --agent NAME [--policy trivial|climber|gambler|reference|quitter] [--competitions ids|tags]
                             [--seeds N] [--experiment ID] [--server PATH] [--home DIR] [serve flags...]

          --agent NAME          the agent label the sessions carry (reports group by it)
          --policy P            trivial: baseline.py, submit; climber: baseline.py then reference.py, submit the best;
                                gambler: both, then submit the reference on even seeds and the baseline on odd ones;
                                reference: reference.py, submit; quitter: validate baseline.py, end without a submission
                                (default: trivial)
          --competitions LIST   comma-separated competition ids or tags (default: titanic)
          --seeds N             episodes per competition, labelled seed 0..N-1 (default 1)
          --experiment ID       the experiment label
          --server PATH         the mledojo executable (default: the repository's Release build)
          --home DIR            the server's data root (MLEDOJO_HOME)
          --solutions-root DIR  the folder holding <id>/solutions/ (default: the repository's competitions/), for
                                competitions served from another directory (serve's --competitions)
        """;

    public required string Agent { get; init; }

    public string Policy { get; init; } = "trivial";

    public IReadOnlyList<string> Competitions { get; init; } = ["titanic"];

    public IReadOnlyList<long> Seeds { get; init; } = [0];

    public string? Experiment { get; init; }

    public required string Server { get; init; }

    public string? Home { get; init; }

    public required string SolutionsRoot { get; init; }

    public IReadOnlyList<string> ServeArguments { get; init; } = [];

    public string SolutionsOf(string competition) => Path.Combine(SolutionsRoot, competition, "solutions");

    /// <summary>Parses the command line; null when it is wrong (the usage is then printed).</summary>
    public static SolutionOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var passthrough = new List<string>();
        string[] known = ["--agent", "--policy", "--competitions", "--seeds", "--experiment", "--server", "--home", "--solutions-root"];
        for (var i = 0; i < args.Length; i++)
        {
            if (known.Contains(args[i]) && i + 1 < args.Length)
            {
                values[args[i]] = args[++i];
            }
            else
            {
                passthrough.Add(args[i]);
            }
        }

        var repository = RepositoryRoot();
        if (!values.TryGetValue("--agent", out var agent) || repository is null
            || (values.TryGetValue("--policy", out var policy) && policy is not ("trivial" or "climber" or "gambler" or "reference" or "quitter"))
            || (values.TryGetValue("--seeds", out var seeds) && (!int.TryParse(seeds, CultureInfo.InvariantCulture, out var n) || n < 1)))
        {
            return null;
        }

        return new SolutionOptions
        {
            Agent = agent,
            Policy = values.GetValueOrDefault("--policy", "trivial"),
            Competitions = values.TryGetValue("--competitions", out var list) ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : ["titanic"],
            Seeds = [.. Enumerable.Range(0, values.TryGetValue("--seeds", out var count) ? int.Parse(count, CultureInfo.InvariantCulture) : 1).Select(s => (long)s)],
            Experiment = values.GetValueOrDefault("--experiment"),
            Server = values.GetValueOrDefault("--server") ?? Path.Combine(repository, "src", "MleDojo.Server", "bin", "Release", "net10.0", "mledojo"),
            Home = values.GetValueOrDefault("--home"),
            SolutionsRoot = values.GetValueOrDefault("--solutions-root") ?? Path.Combine(repository, "competitions"),
            ServeArguments = passthrough,
        };
    }

    /// <summary>The repository holding this build (its competitions/ folder has the solution scripts).</summary>
    private static string? RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "competitions")) && File.Exists(Path.Combine(directory.FullName, "MleDojo.Mcp.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
