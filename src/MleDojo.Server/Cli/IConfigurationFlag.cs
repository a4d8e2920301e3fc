using System.CommandLine;

namespace MleDojo.Server.Cli;

/// <summary>A command-line flag that sets configuration keys: the last, strongest configuration layer.</summary>
internal interface IConfigurationFlag
{
    /// <summary>Adds the keys this flag sets on the command line to <paramref name="flags"/>; nothing when it was not given.</summary>
    void AddTo(IDictionary<string, string?> flags, ParseResult parseResult);
}
