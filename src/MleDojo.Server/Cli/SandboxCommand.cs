using System.CommandLine;
using System.Globalization;
using MleDojo.Sandbox.Docker;
using MleDojo.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MleDojo.Server.Cli;

/// <summary>
/// <c>mledojo sandbox build-image | check</c>: the Docker backend's image. <c>build-image</c> builds it offline from
/// Debian packages (debootstrap, then an import into the engine); <c>check</c> says whether the engine has it. Both
/// reach the engine configured under <c>MleDojo:Sandbox:Docker</c>, as the server does.
/// </summary>
internal static class SandboxCommand
{
    public static Command Create()
    {
        var command = new Command("sandbox", "The Docker sandbox's image: build it offline, or check that the engine has it.");
        command.Subcommands.Add(BuildImage());
        command.Subcommands.Add(Check());
        return command;
    }

    private static Command BuildImage()
    {
        var mirror = new Option<string?>("--mirror") { Description = "Debian mirror (default: the one this machine's apt uses, else http://deb.debian.org/debian)." };
        var suite = new Option<string>("--suite") { Description = "Debian release.", DefaultValueFactory = _ => "bookworm" };
        var workDir = new Option<string>("--work-dir") { Description = "Where the root filesystem is assembled (about 1.2 GB, removed afterwards).", DefaultValueFactory = _ => "/var/tmp" };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Keep downloaded packages here for the next build." };
        var force = new Option<bool>("--force") { Description = "Rebuild even when the image exists." };
        var command = new Command(
            "build-image",
            "Build the sandbox image without a registry: debootstrap a minimal Debian with python3, numpy, pandas, scipy, scikit-learn and xgboost, add the unprivileged 'agent' user (uid 1000), and import it into the engine. Needs root and debootstrap.")
        {
            ImageOption(), DockerHostOption(), mirror, suite, workDir, cacheDir, force,
        };
        command.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(parseResult, async (host, ct) =>
        {
            var engine = host.Services.GetRequiredService<IOptions<DockerSandboxOptions>>().Value;
            var options = new SandboxImageBuildOptions
            {
                Image = engine.Image,
                Mirror = parseResult.GetValue(mirror),
                Suite = parseResult.GetValue(suite) ?? "bookworm",
                WorkDirectory = parseResult.GetValue(workDir) ?? "/var/tmp",
                CacheDirectory = parseResult.GetValue(cacheDir),
                Force = parseResult.GetValue(force),
                Engine = engine,
            };
            var started = DateTime.UtcNow;
            var progress = new SynchronousProgress(line =>
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{(DateTime.UtcNow - started).TotalSeconds,5:F0}s] {line}")));
            var result = await SandboxImageBuilder.BuildAsync(options, progress, host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SandboxImageBuilder)), ct);
            Console.WriteLine(result.Built
                ? string.Create(CultureInfo.InvariantCulture, $"{result.Image} built (debootstrap {result.Bootstrap.TotalSeconds:F0} s, import {result.Import.TotalSeconds:F0} s)")
                : $"{result.Image} already exists");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Check()
    {
        var command = new Command("check", "Check that the Docker engine answers and has the sandbox image (exit code 0), else say how to get it (exit code 1).")
        {
            ImageOption(), DockerHostOption(),
        };
        command.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(parseResult, async (host, ct) =>
        {
            var engine = host.Services.GetRequiredService<IOptions<DockerSandboxOptions>>().Value;
            var (exists, endpoint) = await SandboxImageBuilder.ImageExistsAsync(engine, engine.Image, ct);
            if (exists)
            {
                Console.WriteLine($"{engine.Image} is in the engine at {endpoint}");
                return 0;
            }

            await Console.Error.WriteLineAsync(DockerSandboxProvider.MissingImageMessage(engine.Image, endpoint));
            return 1;
        }, cancellationToken));
        return command;
    }

    private static ConfigurationOption<string?> ImageOption() =>
        new("--image", $"{ConfigurationSections.Docker}:{nameof(DockerSandboxOptions.Image)}") { Description = $"Image tag (default {DockerSandboxOptions.DefaultImage})." };

    private static ConfigurationOption<string?> DockerHostOption() =>
        new("--docker-host", $"{ConfigurationSections.Docker}:{nameof(DockerSandboxOptions.Endpoint)}")
        {
            Description = "Docker engine endpoint (default: $DOCKER_HOST, else the local socket; TLS from $DOCKER_TLS_VERIFY and $DOCKER_CERT_PATH).",
        };
}
