using MleDojo.Core.Sessions;
using MleDojo.Sandbox.Docker;
using MleDojo.Sandbox.Local;
using MleDojo.Sandbox.Slurm;

namespace MleDojo.Server.Hosting;

/// <summary>The configuration section each options class is bound from: one section per class, all under <c>MleDojo</c>.</summary>
internal static class ConfigurationSections
{
    /// <summary><see cref="MleDojoOptions"/>: the data root and extra competition folders.</summary>
    public const string Root = "MleDojo";

    /// <summary><see cref="SandboxSettings"/>: the backend, and the interpreter and isolation policy both backends and the isolated runner share.</summary>
    public const string Sandbox = "MleDojo:Sandbox";

    /// <summary><see cref="LocalSandboxOptions"/>.</summary>
    public const string Local = "MleDojo:Sandbox:Local";

    /// <summary><see cref="DockerSandboxOptions"/>.</summary>
    public const string Docker = "MleDojo:Sandbox:Docker";

    /// <summary><see cref="SlurmSandboxOptions"/>.</summary>
    public const string Slurm = "MleDojo:Sandbox:Slurm";

    /// <summary><see cref="SessionOptions"/>, with the budget ceilings under <c>Ceilings</c>.</summary>
    public const string Sessions = "MleDojo:Sessions";

    /// <summary><see cref="AgentsOptions"/>: the models the agents use, with their prices and fixed settings.</summary>
    public const string Agents = "MleDojo:Agents";

    private static readonly (Type Options, string Section)[] Sections =
    [
        (typeof(MleDojoOptions), Root),
        (typeof(SandboxSettings), Sandbox),
        (typeof(LocalSandboxOptions), Local),
        (typeof(DockerSandboxOptions), Docker),
        (typeof(SlurmSandboxOptions), Slurm),
        (typeof(SessionOptions), Sessions),
        (typeof(AgentsOptions), Agents),
    ];

    /// <summary>Every options class bound from a section, in the order their problems are reported.</summary>
    public static IEnumerable<Type> Bound => Sections.Select(s => s.Options);

    /// <summary>The section an options class is bound from, or null for one that is not bound (it is derived from others).</summary>
    public static string? Of(Type optionsType) => Sections.FirstOrDefault(s => s.Options == optionsType).Section;
}
