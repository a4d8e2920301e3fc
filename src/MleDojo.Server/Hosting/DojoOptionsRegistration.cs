using MleDojo.Core;
using MleDojo.Core.Sessions;
using MleDojo.Sandbox.Docker;
using MleDojo.Sandbox.Isolated;
using MleDojo.Sandbox.Local;
using MleDojo.Sandbox.Slurm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MleDojo.Server.Hosting;

/// <summary>Binds every options class from its section and validates it when the host starts (<see cref="DojoHost.Validate"/>).</summary>
internal static class DojoOptionsRegistration
{
    public static IServiceCollection AddDojoOptions(this IServiceCollection services)
    {
        services.AddOptions<MleDojoOptions>().BindConfiguration(ConfigurationSections.Root).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SandboxSettings>().BindConfiguration(ConfigurationSections.Sandbox).ValidateDataAnnotations().ValidateOnStart();

        // MleDojo:Sandbox:Python and AllowUnisolated are the documented keys; they apply on top of the Local section.
        // Read from the configuration rather than the validated SandboxSettings, so that a bad Backend is reported once
        // and does not hide this section's own problems.
        services.AddOptions<LocalSandboxOptions>()
            .BindConfiguration(ConfigurationSections.Local)
            .Configure<IConfiguration>((local, configuration) =>
            {
                var shared = configuration.GetSection(ConfigurationSections.Sandbox).Get<SandboxSettings>() ?? new SandboxSettings();
                if (!string.IsNullOrWhiteSpace(shared.Python))
                {
                    local.PythonPath = shared.Python;
                }

                local.AllowUnisolated |= shared.AllowUnisolated;
                local.WarmInterpreter &= shared.WarmInterpreter && !shared.ColdRuns;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // The instance label is stable for a data root, so a restarted server removes what its crashed predecessor left.
        services.AddOptions<DockerSandboxOptions>()
            .BindConfiguration(ConfigurationSections.Docker)
            .Configure<DataRoot>((docker, dataRoot) => docker.InstanceId ??= DockerInstance.ForDataRoot(dataRoot.Path))
            .Configure<IConfiguration>((docker, configuration) =>
            {
                var shared = configuration.GetSection(ConfigurationSections.Sandbox).Get<SandboxSettings>() ?? new SandboxSettings();
                docker.WarmInterpreter &= shared.WarmInterpreter && !shared.ColdRuns;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DockerSandboxOptions>, RenamedDockerKeys>();

        // Bound always, validated when it starts the backend (SharedRoot is required only for --sandbox slurm).
        services.AddOptions<SlurmSandboxOptions>().BindConfiguration(ConfigurationSections.Slurm);

        // SessionOptions lives in Core: its nested Ceilings are validated here rather than by an attribute on it.
        services.AddOptions<SessionOptions>().BindConfiguration(ConfigurationSections.Sessions).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AgentsOptions>().BindConfiguration(ConfigurationSections.Agents).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SessionOptions>, SessionCeilingsValidator>();

        // Imported competitions' own Python runs with the interpreter and isolation policy agent code gets locally.
        services.AddOptions<IsolatedPythonOptions>().Configure<IOptions<LocalSandboxOptions>>((isolated, local) =>
        {
            isolated.PythonPath = local.Value.PythonPath;
            isolated.AllowUnisolated = local.Value.AllowUnisolated;
        });
        return services;
    }
}
