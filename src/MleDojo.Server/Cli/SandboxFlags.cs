using System.CommandLine;
using MleDojo.Sandbox.Docker;
using MleDojo.Sandbox.Slurm;
using MleDojo.Server.Hosting;

namespace MleDojo.Server.Cli;

/// <summary>The flags that choose and configure the sandbox, shared by the verbs that run Python (each gets its own instances).</summary>
internal static class SandboxFlags
{
    /// <summary>Backend, interpreter, isolation policy and Docker engine: for the verbs that run agent code (serve, calibrate).</summary>
    public static Option[] Backend() =>
    [
        new ConfigurationOption<string?>("--sandbox", $"{ConfigurationSections.Sandbox}:Backend")
        {
            Description = "Sandbox backend: local (default), docker (a container per session; see `mledojo sandbox build-image`) or slurm (an allocation per session; see docs/slurm.md).",
        },
        new ConfigurationOption<string?>("--slurm-shared-root", $"{ConfigurationSections.Slurm}:{nameof(SlurmSandboxOptions.SharedRoot)}")
        {
            Description = "For --sandbox slurm: a directory the server and every compute node mount; session workspaces live under it.",
        },
        new ConfigurationOption<string?>("--slurm-partition", $"{ConfigurationSections.Slurm}:{nameof(SlurmSandboxOptions.Partition)}")
        {
            Description = "For --sandbox slurm: the partition of the sessions' allocations (default: the cluster's default).",
        },
        new ConfigurationOption<string?>("--docker-host", $"{ConfigurationSections.Docker}:{nameof(DockerSandboxOptions.Endpoint)}")
        {
            Description = "Docker engine endpoint for --sandbox docker (default: $DOCKER_HOST, else the local socket).",
        },
        new ConfigurationOption<string?>("--docker-image", $"{ConfigurationSections.Docker}:{nameof(DockerSandboxOptions.Image)}")
        {
            Description = $"Sandbox image for --sandbox docker (default {DockerSandboxOptions.DefaultImage}).",
        },
        new ConfigurationOption<bool>("--cold-runs", $"{ConfigurationSections.Sandbox}:{nameof(SandboxSettings.ColdRuns)}")
        {
            Description = "Start a fresh interpreter for every run instead of forking it from the session's warm interpreter (MleDojo:Sandbox:WarmInterpreter=false).",
        },
        .. Python("Run agent code even where the machine cannot isolate it (recorded with every session)."),
    ];

    /// <summary>Interpreter and isolation policy: for every verb that runs Python locally (agent code, prepare.py, grade.py).</summary>
    public static Option[] Python(string allowUnisolated) =>
    [
        new ConfigurationOption<string?>("--python", $"{ConfigurationSections.Sandbox}:Python")
        {
            Description = "Python interpreter for the local sandbox and for imported competitions' own code (default /usr/bin/python3).",
        },
        new ConfigurationOption<bool>("--allow-unisolated", $"{ConfigurationSections.Sandbox}:AllowUnisolated") { Description = allowUnisolated },
    ];
}
