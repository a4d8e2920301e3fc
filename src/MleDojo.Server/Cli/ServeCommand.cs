using System.CommandLine;
using System.Globalization;
using MleDojo.Core.Execution;
using MleDojo.Server.Hosting;
using Microsoft.Extensions.Hosting;

namespace MleDojo.Server.Cli;

/// <summary><c>mledojo serve</c>: the MCP server over stdio.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var sandbox = new Option<string?>("--sandbox") { Description = "Sandbox backend: local (default) or docker (a container per session; see `mledojo sandbox build-image`)." };
        var dockerHost = new Option<string?>("--docker-host") { Description = "Docker engine endpoint for --sandbox docker (default: $DOCKER_HOST, else the local socket)." };
        var dockerImage = new Option<string?>("--docker-image") { Description = $"Sandbox image for --sandbox docker (default {MleDojo.Sandbox.Docker.DockerSandboxOptions.DefaultImage})." };
        var python = new Option<string?>("--python") { Description = "Interpreter for the local sandbox (default /usr/bin/python3)." };
        var allowUnisolated = new Option<bool>("--allow-unisolated") { Description = "Run agent code even where the machine cannot isolate it (recorded with every session)." };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Ceiling on steps per episode." };
        var runTimeout = new Option<int?>("--run-timeout") { Description = "Ceiling on seconds per run." };
        var episodeTimeout = new Option<int?>("--episode-timeout") { Description = "Ceiling on episode wall-clock seconds." };
        var memory = new Option<int?>("--memory-mb") { Description = "Ceiling on memory per run, in MB." };
        var cpus = new Option<double?>("--cpus") { Description = "Ceiling on CPUs per run." };
        var submissions = new Option<int?>("--max-submissions") { Description = "Ceiling on final submissions per episode." };
        var command = new Command("serve", "Run the MCP server over stdio.") { sandbox, dockerHost, dockerImage, python, allowUnisolated, maxSteps, runTimeout, episodeTimeout, memory, cpus, submissions };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            void Set<T>(string key, T? value)
            {
                if (value is not null)
                {
                    overrides[$"{MleDojoOptions.Section}:{key}"] = Convert.ToString(value, CultureInfo.InvariantCulture);
                }
            }

            Set("Home", parseResult.GetValue(CommandLine.HomeOption));
            foreach (var (dir, i) in (parseResult.GetValue(CommandLine.CompetitionsOption) ?? []).Select((d, i) => (d, i)))
            {
                Set($"Competitions:{i}", dir);
            }

            Set("Sandbox:Backend", parseResult.GetValue(sandbox));
            Set("Sandbox:Python", parseResult.GetValue(python));
            Set("Sandbox:Docker:Endpoint", parseResult.GetValue(dockerHost));
            Set("Sandbox:Docker:Image", parseResult.GetValue(dockerImage));
            if (parseResult.GetValue(allowUnisolated))
            {
                Set("Sandbox:AllowUnisolated", "true");
            }

            Set("Sessions:Ceilings:MaxSteps", parseResult.GetValue(maxSteps));
            Set("Sessions:Ceilings:RunTimeoutSeconds", parseResult.GetValue(runTimeout));
            Set("Sessions:Ceilings:EpisodeTimeoutSeconds", parseResult.GetValue(episodeTimeout));
            Set("Sessions:Ceilings:MemoryMegabytes", parseResult.GetValue(memory));
            Set("Sessions:Ceilings:Cpus", parseResult.GetValue(cpus));
            Set("Sessions:Ceilings:MaxSubmissions", parseResult.GetValue(submissions));

            try
            {
                using var host = await ServerHost.BuildAsync([], overrides, cancellationToken);
                await host.RunAsync(cancellationToken);
                return 0;
            }
            catch (Exception ex) when (ex is SandboxException or InvalidOperationException or System.ComponentModel.DataAnnotations.ValidationException)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
