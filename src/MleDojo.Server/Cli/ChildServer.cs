using System.CommandLine;
using ModelContextProtocol.Client;

namespace MleDojo.Server.Cli;

/// <summary>This very executable serving over stdio (<c>mledojo serve</c>), as the verbs that play episodes reach it.</summary>
internal static class ChildServer
{
    /// <summary>The transport to a child server on the same data root and extra competition folders as this command.</summary>
    public static StdioClientTransport Transport(ParseResult parseResult, string dataRoot)
    {
        var self = Environment.ProcessPath ?? "mledojo";
        List<string> arguments = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [typeof(ChildServer).Assembly.Location] : [];
        arguments.AddRange(["--home", dataRoot]);
        foreach (var directory in parseResult.GetValue(CommandLine.CompetitionsOption) ?? [])
        {
            arguments.AddRange(["--competitions", directory]);
        }

        arguments.Add("serve");
        return new StdioClientTransport(new StdioClientTransportOptions { Name = "mledojo", Command = self, Arguments = arguments });
    }
}
