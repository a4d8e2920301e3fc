using System.CommandLine;
using MleDojo.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MleDojo.Server.Cli;

/// <summary><c>mledojo serve</c>: the MCP server over stdio.</summary>
internal static class ServeCommand
{
    private const string Ceilings = $"{ConfigurationSections.Sessions}:Ceilings";

    public static Command Create()
    {
        var command = new Command("serve", "Run the MCP server over stdio.");
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
        command.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(
            parseResult,
            new DojoHostSettings { ConsoleLog = DojoConsoleLog.Server },
            builder => builder.AddDojoMcpServer(),
            async (host, ct) =>
            {
                await host.Services.GetRequiredService<DojoServices>().StartAsync(ct);

                await host.RunAsync(ct);
                return 0;
            },
            cancellationToken));
        return command;
    }
}
