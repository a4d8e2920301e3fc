using System.CommandLine;
using MleDojo.Server.Hosting;
using MleDojo.Server.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MleDojo.Server.Cli;

/// <summary><c>mledojo serve</c>: the MCP server over stdio, or over Streamable HTTP with <c>--http</c>.</summary>
internal static class ServeCommand
{
    private const string Ceilings = $"{ConfigurationSections.Sessions}:Ceilings";

    public static Command Create()
    {
        var command = new Command("serve", "Run the MCP server: over stdio (the default), or over Streamable HTTP with --http.");
        foreach (var option in SandboxFlags.Backend())
        {
            command.Options.Add(option);
        }

        command.Options.Add(new ConfigurationOption<int?>("--max-steps", $"{Ceilings}:MaxSteps") { Description = "Ceiling on steps per episode." });
        command.Options.Add(new ConfigurationOption<int?>("--run-timeout", $"{Ceilings}:RunTimeoutSeconds") { Description = "Ceiling on seconds per run." });
        command.Options.Add(new ConfigurationOption<int?>("--episode-timeout", $"{Ceilings}:EpisodeTimeoutSeconds") { Description = "Ceiling on episode wall-clock seconds." });
        command.Options.Add(new ConfigurationOption<int?>("--memory-mb", $"{Ceilings}:MemoryMegabytes") { Description = "Ceiling on memory per run, in MB." });
        command.Options.Add(new ConfigurationOption<double?>("--cpus", $"{Ceilings}:Cpus") { Description = "Ceiling on CPUs per run." });
        command.Options.Add(new ConfigurationOption<int?>("--max-submissions", $"{Ceilings}:MaxSubmissions") { Description = "Ceiling on final submissions per episode." });
        var http = new Option<bool>("--http") { Description = "Serve over Streamable HTTP at /mcp instead of stdio, with a dashboard at /." };
        command.Options.Add(http);
        command.Options.Add(new ConfigurationOption<string?>("--urls", $"{HttpServerHost.Section}:Urls") { Description = "With --http: where to listen, ';'-separated (default http://127.0.0.1:8765)." });
        command.Options.Add(new ConfigurationOption<string?>("--auth", $"{HttpServerHost.Section}:Auth") { Description = "With --http: keys (default), jwt, or none (loopback only)." });
        command.SetAction((parseResult, cancellationToken) => parseResult.GetValue(http)
            ? VerbHost.RunAsync(HttpServerHost.Build(VerbHost.Flags(parseResult), new DojoHostSettings { ConsoleLog = DojoConsoleLog.Server }), ServeAsync, cancellationToken)
            : VerbHost.RunAsync(parseResult, new DojoHostSettings { ConsoleLog = DojoConsoleLog.Server }, builder => builder.AddDojoMcpServer(), ServeAsync, cancellationToken));
        return command;
    }

    private static async Task<int> ServeAsync(IHost host, CancellationToken cancellationToken)
    {
        await host.Services.GetRequiredService<DojoServices>().StartAsync(cancellationToken);
        await host.RunAsync(cancellationToken);
        return 0;
    }
}
