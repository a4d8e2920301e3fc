using System.CommandLine;
using MleDojo.Server.Hosting;

namespace MleDojo.Server.Cli;

/// <summary>The <c>mledojo</c> verbs.</summary>
internal static class CommandLine
{
    public static readonly ConfigurationOption<string?> HomeOption = new("--home", $"{ConfigurationSections.Root}:{nameof(MleDojoOptions.Home)}")
    {
        Description = "Data root for prepared competitions, sessions and logs (default: $MLEDOJO_HOME or ~/.mledojo).",
        Recursive = true,
    };

    public static readonly ConfigurationOption<string[]> CompetitionsOption = new("--competitions", $"{ConfigurationSections.Root}:{nameof(MleDojoOptions.Competitions)}")
    {
        Description = "Extra directories of competition folders, besides the shipped ones.",
        Recursive = true,
        AllowMultipleArgumentsPerToken = true,
    };

    public static RootCommand Build()
    {
        var root = new RootCommand("mledojo: Kaggle-style ML competitions as MCP environments for LLM agents.")
        {
            HomeOption,
            CompetitionsOption,
        };
        root.Subcommands.Add(CompetitionsCommand.Create());
        root.Subcommands.Add(PrepareCommand.Create());
        root.Subcommands.Add(GradeCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(CalibrateCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(SandboxCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(AgentCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        return root;
    }
}
