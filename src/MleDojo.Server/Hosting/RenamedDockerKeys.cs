using MleDojo.Sandbox.Docker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MleDojo.Server.Hosting;

/// <summary>
/// Refuses the TLS keys of <c>MleDojo:Sandbox:Docker</c> under their old names (before the section was bound to
/// <see cref="DockerSandboxOptions"/> directly), which would otherwise be ignored without a word.
/// </summary>
internal sealed class RenamedDockerKeys(IConfiguration configuration) : IValidateOptions<DockerSandboxOptions>
{
    private static readonly (string Old, string New)[] Renamed =
    [
        ("CaCertificate", nameof(DockerSandboxOptions.TlsCaCertificate)),
        ("Certificate", nameof(DockerSandboxOptions.TlsCertificate)),
        ("Key", nameof(DockerSandboxOptions.TlsKey)),
    ];

    public ValidateOptionsResult Validate(string? name, DockerSandboxOptions options)
    {
        var section = configuration.GetSection(ConfigurationSections.Docker);
        var failures = Renamed
            .Where(r => section[r.Old] is not null)
            .Select(r => $"{r.Old}: renamed {r.New} ({ConfigurationSections.Docker}:{r.New})")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
