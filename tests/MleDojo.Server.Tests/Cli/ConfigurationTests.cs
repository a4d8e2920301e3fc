using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MleDojo.Core;
using MleDojo.Core.Sessions;
using MleDojo.Sandbox.Docker;
using MleDojo.Sandbox.Isolated;
using MleDojo.Sandbox.Local;
using MleDojo.Server.Cli;
using MleDojo.Server.Hosting;
using MleDojo.Server.Tests.Support;

namespace MleDojo.Server.Tests.Cli;

/// <summary>
/// Every verb gets its settings through one path: appsettings.json, then environment variables, then the verb's flags,
/// later layers winning. In process, each verb's configuration is built from a parsed command line as its action
/// builds it; out of process, the real executable shows that settings once ignored (grade's interpreter) now apply,
/// that a bad value stops every verb with one clear error, and that start-up problems reach the log file.
/// </summary>
public sealed class ConfigurationTests : IDisposable
{
    // Each verb with the arguments it needs to parse; the flags under test are appended.
    private static readonly string[][] Verbs =
    [
        ["serve"],
        ["calibrate", "titanic"],
        ["grade", "--competition", "titanic", "--submission", "x.csv"],
        ["prepare", "titanic"],
        ["import", "mle-bench", "folder", "--data", "x.zip"],
        ["export", "--all"],
        ["competitions", "list"],
        ["competitions", "catalog"],
        ["sandbox", "check"],
        ["sandbox", "build-image"],
    ];

    private readonly string _root = Directory.CreateTempSubdirectory("mledojo-config-").FullName;
    private readonly Dictionary<string, string?> _environment;

    public ConfigurationTests()
    {
        // The data roots are never created (nothing is logged), but they would be inside this test's directory.
        _environment = new Dictionary<string, string?>
        {
            ["MleDojo__Home"] = Path.Combine(_root, "env-home"),
            ["MleDojo__Sandbox__Python"] = "/env/python3",
            ["MleDojo__Sandbox__AllowUnisolated"] = "true",
            ["MleDojo__Sandbox__Local__MemoryPollInterval"] = "00:00:02",
            ["MleDojo__Sessions__Ceilings__MaxSteps"] = "22",
        };
        File.WriteAllText(Path.Combine(_root, "appsettings.json"), $$"""
            {
              "MleDojo": {
                "Home": "{{Path.Combine(_root, "appsettings-home")}}",
                "Sandbox": {
                  "Python": "/appsettings/python3",
                  "AllowUnisolated": false,
                  "Local": { "ExtraReadOnlyPaths": [ "/opt/models" ], "MemoryPollInterval": "00:00:05", "TmpSizeBytes": 2097152 },
                  "Docker": { "Image": "appsettings/sandbox:1", "KillTimeout": "00:00:07" }
                },
                "Sessions": { "Ceilings": { "MaxSteps": 11, "Cpus": 1.5 } }
              }
            }
            """);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void EveryVerb_AppsettingsAndEnvironment_ResolvesTheSameSettings()
    {
        var expected = new Resolved(
            Home: Path.Combine(_root, "env-home"),
            Python: "/env/python3",
            IsolatedPython: "/env/python3",
            AllowUnisolated: true,
            IsolatedAllowUnisolated: true,
            ExtraReadOnlyPaths: "/opt/models",
            MemoryPollInterval: TimeSpan.FromSeconds(2),
            TmpSizeBytes: 2 << 20,
            MaxSteps: 22,
            Cpus: 1.5,
            DockerImage: "appsettings/sandbox:1",
            KillTimeout: TimeSpan.FromSeconds(7));

        Assert.All(Verbs, verb => Assert.Equal(expected, Resolve(verb)));
    }

    [Fact]
    public void Layers_AllThreeSet_FlagsWinOverEnvironmentOverAppsettings()
    {
        var flagHome = Path.Combine(_root, "flag-home");
        string[] home = ["--home", flagHome];
        string[] python = ["--python", "/flag/python3"];
        string[] docker = ["--docker-image", "flag/sandbox:1"];

        var serve = Resolve(["serve", .. home, .. python, .. docker, "--max-steps", "33", "--cpus", "3"]);
        var calibrate = Resolve(["calibrate", "titanic", .. home, .. python, .. docker]);
        var grade = Resolve(["grade", "--competition", "titanic", "--submission", "x.csv", .. home, .. python]);
        var import = Resolve(["import", "mle-bench", "folder", "--data", "x.zip", .. home, .. python]);
        var check = Resolve(["sandbox", "check", .. home, "--image", "flag/sandbox:1"]);
        var prepare = Resolve(["prepare", "titanic", .. home]);

        Assert.All([serve, calibrate, grade, import, check, prepare], r => Assert.Equal(flagHome, r.Home));
        Assert.All([serve, calibrate, grade, import], r => Assert.Equal(("/flag/python3", "/flag/python3"), (r.Python, r.IsolatedPython)));
        Assert.Equal(("/env/python3", "/env/python3"), (prepare.Python, prepare.IsolatedPython));
        Assert.Equal((33, 3.0), (serve.MaxSteps, serve.Cpus));
        Assert.All([calibrate, grade, import, check, prepare], r => Assert.Equal((22, 1.5), (r.MaxSteps, r.Cpus)));
        Assert.All([serve, calibrate, check], r => Assert.Equal("flag/sandbox:1", r.DockerImage));
        Assert.All([grade, import, prepare], r => Assert.Equal("appsettings/sandbox:1", r.DockerImage));

        // Only appsettings.json sets these: the lower layers still apply under the flags.
        Assert.All([serve, calibrate, grade, import, check, prepare], r => Assert.Equal(("/opt/models", TimeSpan.FromSeconds(2)), (r.ExtraReadOnlyPaths, r.MemoryPollInterval)));
    }

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "--cold-runs" }, false)]
    public void ColdRuns_FlagOrKey_TurnsTheWarmInterpreterOff(string[] flags, bool warm)
    {
        var content = Directory.CreateDirectory(Path.Combine(_root, "warm-" + warm)).FullName;
        var fromFlag = VerbHost.CreateBuilder(CommandLine.Build().Parse(["serve", .. flags]), new DojoHostSettings { ContentRoot = content, Environment = new Dictionary<string, string?>() });
        var fromKey = VerbHost.CreateBuilder(CommandLine.Build().Parse(["serve"]), new DojoHostSettings
        {
            ContentRoot = content,
            Environment = new Dictionary<string, string?> { ["MleDojo__Sandbox__WarmInterpreter"] = warm ? "true" : "false" },
        });

        foreach (var builder in new[] { fromFlag, fromKey })
        {
            using var host = builder.Build();
            DojoHost.Validate(host);
            Assert.Equal(warm, host.Services.GetRequiredService<IOptions<LocalSandboxOptions>>().Value.WarmInterpreter);
            Assert.Equal(warm, host.Services.GetRequiredService<IOptions<DockerSandboxOptions>>().Value.WarmInterpreter);
        }
    }

    [Fact]
    public void Settings_NoLayerSet_HaveTheirDefaults()
    {
        var builder = VerbHost.CreateBuilder(CommandLine.Build().Parse(["serve"]), new DojoHostSettings { ContentRoot = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName, Environment = new Dictionary<string, string?>() });
        using var host = builder.Build();
        DojoHost.Validate(host);

        var local = host.Services.GetRequiredService<IOptions<LocalSandboxOptions>>().Value;
        var defaults = new LocalSandboxOptions();
        Assert.Equal((defaults.PythonPath, false, defaults.MemoryPollInterval), (local.PythonPath, local.AllowUnisolated, local.MemoryPollInterval));
        Assert.Equal(new BudgetLimits().MaxSteps, host.Services.GetRequiredService<IOptions<SessionOptions>>().Value.Ceilings.MaxSteps);
        Assert.Equal(DockerSandboxOptions.DefaultImage, host.Services.GetRequiredService<IOptions<DockerSandboxOptions>>().Value.Image);
        Assert.Equal("local", host.Services.GetRequiredService<IOptions<SandboxSettings>>().Value.Backend);
    }

    [Fact]
    public void Validate_SeveralInvalidValues_ReportsEachWithItsKey()
    {
        var builder = VerbHost.CreateBuilder(
            CommandLine.Build().Parse(["calibrate", "--all"]),
            new DojoHostSettings
            {
                ContentRoot = _root,
                Environment = new Dictionary<string, string?>
                {
                    ["MleDojo__Competitions__0"] = " ",
                    ["MleDojo__Sessions__Ceilings__MaxSteps"] = "0",
                    ["MleDojo__Sandbox__Backend"] = "kubernetes",
                    ["MleDojo__Sandbox__Local__SandboxUidBase"] = "5",
                    ["MleDojo__Sandbox__Docker__AgentUid"] = "0",
                    ["MleDojo__Sandbox__Docker__CaCertificate"] = "/etc/ca.pem",
                },
            });
        using var host = builder.Build();

        var error = Assert.Throws<InvalidConfigurationException>(() => DojoHost.Validate(host));

        Assert.Equal(
            [
                "MleDojo:Competitions: Competitions entries must name directories; one is empty.",
                "MleDojo:Sandbox:Backend: Backend must be 'local', 'docker' or 'slurm'.",
                "MleDojo:Sandbox:Local:SandboxUidBase: The field SandboxUidBase must be between 1000 and 2147483647.",
                "MleDojo:Sandbox:Docker:AgentUid: AgentUid must be positive: agent code never runs as root.",
                "MleDojo:Sandbox:Docker:CaCertificate: renamed TlsCaCertificate (MleDojo:Sandbox:Docker:TlsCaCertificate)",
                "MleDojo:Sessions:Ceilings:MaxSteps: The field MaxSteps must be between 1 and 100000.",
            ],
            error.Problems);
    }

    [Fact]
    public async Task EveryVerb_BadValue_StopsWithOneErrorAndExitCodeOne()
    {
        var environment = new Dictionary<string, string> { ["MleDojo__Sessions__Ceilings__MaxSteps"] = "0", ["MleDojo__Sandbox__Local__TmpSizeBytes"] = "1" };
        var home = Path.Combine(_root, "home");

        foreach (var verb in Verbs)
        {
            var result = await MledojoCli.RunAsync(home, environment, Ct, verb);

            var what = $"{string.Join(' ', verb)}: {result.Stderr}";
            Assert.True(result.ExitCode == 1, what);
            Assert.StartsWith("error: invalid configuration", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("MleDojo:Sessions:Ceilings:MaxSteps: The field MaxSteps must be between 1 and 100000.", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("MleDojo:Sandbox:Local:TmpSizeBytes: TmpSizeBytes must be at least 1 MiB", result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
            Assert.Equal("", result.Stdout);
        }

        Assert.Contains("MaxSteps must be between", await ReadLogAsync(home), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GradeAndImport_ConfiguredPython_RunImportedGradersWithIt()
    {
        var home = Path.Combine(_root, "home");
        var folder = MledojoCli.ImportFixture("mle-bench", "custom-weighted-error");
        var data = MledojoCli.ImportFixture("mle-bench", "custom-weighted-error.zip");
        var missing = new Dictionary<string, string> { ["MleDojo__Sandbox__Python"] = "/nonexistent/python3" };

        // prepare.py needs the interpreter: the configured one is used, and it does not exist.
        var refused = await MledojoCli.RunAsync(home, missing, Ct, "import", "mle-bench", folder, "--data", data);
        Assert.True(refused.ExitCode == 1, refused.Stdout + refused.Stderr);
        Assert.Contains("/nonexistent/python3", refused.Stderr, StringComparison.Ordinal);

        var imported = await MledojoCli.RunAsync(home, Ct, "import", "mle-bench", folder, "--data", data, "--force");
        Assert.True(imported.ExitCode == 0, imported.Stdout + imported.Stderr);
        var sample = Path.Combine(home, "prepared", "custom-weighted-error", "public", "sample_submission.csv");

        // The competition's own grade.py runs with the configured interpreter, which grade used to ignore; a flag wins.
        var ignored = await MledojoCli.RunAsync(home, missing, Ct, "grade", "--competition", "custom-weighted-error", "--submission", sample, "--json");
        var flagged = await MledojoCli.RunAsync(home, missing, Ct, "grade", "--competition", "custom-weighted-error", "--submission", sample, "--json", "--python", "/usr/bin/python3");

        Assert.Equal(2, ignored.ExitCode);
        Assert.Contains("/nonexistent/python3", JsonDocument.Parse(ignored.Stdout).RootElement.GetProperty("grading_error").GetString(), StringComparison.Ordinal);
        Assert.True(flagged.ExitCode == 0, flagged.Stdout + flagged.Stderr);
        Assert.Equal(JsonValueKind.Number, JsonDocument.Parse(flagged.Stdout).RootElement.GetProperty("private_score").ValueKind);
    }

    [Fact]
    public async Task SandboxVerbs_ConfiguredEngine_ReachIt()
    {
        var result = await MledojoCli.RunAsync(
            Path.Combine(_root, "home"),
            new Dictionary<string, string> { ["MleDojo__Sandbox__Docker__Endpoint"] = "unix:///nonexistent/docker.sock" },
            Ct,
            "sandbox",
            "check");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Cannot reach the Docker engine at unix:///nonexistent/docker.sock", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_BrokenCompetition_WarnsOnStderrAndInTheLogFile()
    {
        var home = Path.Combine(_root, "home");
        var extra = Directory.CreateDirectory(Path.Combine(_root, "extra", "broken")).FullName;
        await File.WriteAllTextAsync(Path.Combine(extra, "competition.yaml"), "id: broken\ntitle: [unclosed\n", Ct);

        var result = await MledojoCli.RunAsync(home, Ct, "competitions", "list", "--json", "--competitions", Path.GetDirectoryName(extra)!);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"warning: {Path.Combine(extra, "competition.yaml")}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("titanic", JsonDocument.Parse(result.Stdout).RootElement.EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Contains($"[WRN] {Path.Combine(extra, "competition.yaml")}", await ReadLogAsync(home), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static async Task<string> ReadLogAsync(string home)
    {
        var logs = Directory.GetFiles(new DataRoot(home).Logs, "mledojo-*.log");
        Assert.NotEmpty(logs);
        return string.Concat(await Task.WhenAll(logs.Select(path => File.ReadAllTextAsync(path, Ct))));
    }

    /// <summary>The settings a verb's host resolves, built as the verb's action builds it, over this test's appsettings.json and environment.</summary>
    private Resolved Resolve(string[] arguments)
    {
        var parsed = CommandLine.Build().Parse(arguments);
        Assert.Empty(parsed.Errors);
        using var host = VerbHost.CreateBuilder(parsed, new DojoHostSettings { ContentRoot = _root, Environment = _environment }).Build();
        DojoHost.Validate(host);
        var services = host.Services;
        var local = services.GetRequiredService<IOptions<LocalSandboxOptions>>().Value;
        var isolated = services.GetRequiredService<IOptions<IsolatedPythonOptions>>().Value;
        var ceilings = services.GetRequiredService<IOptions<SessionOptions>>().Value.Ceilings;
        var docker = services.GetRequiredService<IOptions<DockerSandboxOptions>>().Value;
        return new Resolved(
            services.GetRequiredService<IOptions<MleDojoOptions>>().Value.Home,
            local.PythonPath,
            isolated.PythonPath,
            local.AllowUnisolated,
            isolated.AllowUnisolated,
            string.Join(',', local.ExtraReadOnlyPaths),
            local.MemoryPollInterval,
            local.TmpSizeBytes,
            ceilings.MaxSteps,
            ceilings.Cpus,
            docker.Image,
            docker.KillTimeout);
    }

    private sealed record Resolved(
        string? Home,
        string Python,
        string IsolatedPython,
        bool AllowUnisolated,
        bool IsolatedAllowUnisolated,
        string ExtraReadOnlyPaths,
        TimeSpan? MemoryPollInterval,
        long TmpSizeBytes,
        int MaxSteps,
        double Cpus,
        string DockerImage,
        TimeSpan KillTimeout);
}
