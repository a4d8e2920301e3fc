using MleDojo.Core.Execution;
using MleDojo.Sandbox.Docker;

namespace MleDojo.Docker.Tests;

/// <summary>The container definition and its mapping to the engine API, checked without an engine.</summary>
public sealed class ContainerBuilderTests
{
    private static ContainerBuilder Complete() => new ContainerBuilder()
        .WithName("mledojo-abc-session")
        .WithImage("mledojo-sandbox:1")
        .WithUser(65534, 65534)
        .WithCommand("python3", "-c", "pass")
        .WithEnvironment("HOME", "/tmp")
        .WithLabel("mledojo.instance", "abc")
        .WithLabel("mledojo.session-id", "s-1")
        .WithWorkspace("/srv/mledojo/workspaces/s-1")
        .WithReadOnlyPath("input")
        .WithLimits(new SandboxLimits(MemoryBytes: 2L << 30, Cpus: 4, MaxProcesses: 64, MaxOutputBytes: 1 << 20))
        .WithMaxCpus(2);

    [Fact]
    public void Build_WithAWarmTemplate_StartsAsRootWithOnlySetuidAndSetgid()
    {
        var cold = DockerEngine.ToParameters(Complete().Build());
        var warm = DockerEngine.ToParameters(Complete().WithWarmTemplate().Build());

        Assert.Empty(cold.HostConfig.CapAdd);
        Assert.Equal("0:0", warm.User);
        Assert.Equal(["ALL"], warm.HostConfig.CapDrop);
        Assert.Equal(["SETUID", "SETGID"], warm.HostConfig.CapAdd);
        Assert.Equal(["no-new-privileges"], warm.HostConfig.SecurityOpt);
        Assert.Equal(cold.HostConfig.Tmpfs, warm.HostConfig.Tmpfs);
    }

    [Fact]
    public void Build_CompleteDefinition_LocksDownAndMountsOnlyTheWorkspace()
    {
        var definition = Complete().Build();
        var parameters = DockerEngine.ToParameters(definition);
        var host = parameters.HostConfig;

        Assert.Equal("none", host.NetworkMode);
        Assert.True(parameters.NetworkDisabled);
        Assert.True(host.ReadonlyRootfs);
        Assert.Equal(["ALL"], host.CapDrop);
        Assert.Equal(["no-new-privileges"], host.SecurityOpt);
        Assert.Equal("65534:65534", parameters.User);
        Assert.Equal(2L << 30, host.Memory);
        Assert.Equal(2L << 30, host.MemorySwap);

        // Four CPUs asked for, two on the engine: the engine's count wins.
        Assert.Equal(2_000_000_000, host.NanoCPUs);
        Assert.Equal(64 + ContainerBuilder.HelperProcesses, host.PidsLimit);
        Assert.StartsWith("rw,nosuid,nodev,size=", host.Tmpfs["/tmp"]);
        Assert.Collection(
            host.Mounts,
            m => Assert.Equal(("/srv/mledojo/workspaces/s-1", "/workspace", false), (m.Source, m.Target, m.ReadOnly)),
            m => Assert.Equal(("/srv/mledojo/workspaces/s-1/input", "/workspace/input", true), (m.Source, m.Target, m.ReadOnly)));
        Assert.All(host.Mounts, m => Assert.Equal("bind", m.Type));
        Assert.Equal("abc", parameters.Labels["mledojo.instance"]);
        Assert.Equal("s-1", parameters.Labels["mledojo.session-id"]);
        Assert.Equal("/workspace", parameters.WorkingDir);
    }

    [Fact]
    public void With_ChangedProperty_LeavesTheOriginalBuilderUnchanged()
    {
        var basic = Complete();
        var other = basic.WithImage("other:2");

        Assert.Equal("mledojo-sandbox:1", basic.Build().Image);
        Assert.Equal("other:2", other.Build().Image);
    }

    [Fact]
    public void Validate_ManyProblems_ListsEveryOneAtOnce()
    {
        var errors = new ContainerBuilder()
            .WithName("-bad name")
            .WithUser(0, 0)
            .WithWorkspace("relative/path")
            .WithReadOnlyPath("../escape")
            .WithLimits(new SandboxLimits(MemoryBytes: 1024, Cpus: 0, MaxProcesses: 0, MaxOutputBytes: 1))
            .Validate();

        Assert.Contains(errors, e => e.Contains("name", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("image", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("non-root", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("command", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("absolute host path", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("..", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("memory limit", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("CPU limit", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("process limit", StringComparison.Ordinal));
        var thrown = Assert.Throws<ArgumentException>(() => new ContainerBuilder().Build());
        Assert.Contains("image", thrown.Message);
    }

    [Fact]
    public void AptMirror_Deb822AndOneLineSources_AreBothRead()
    {
        var apt = Directory.CreateTempSubdirectory("mledojo-dtest-apt-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(apt, "sources.list.d"));
            Assert.Equal("http://deb.debian.org/debian", AptMirror.Find("bookworm", apt));

            File.WriteAllText(Path.Combine(apt, "sources.list.d", "debian.sources"), """
                Types: deb
                URIs: http://mirror.example/debian-security
                Suites: bookworm-security
                Components: main

                Types: deb
                URIs: http://mirror.example/debian/
                Suites: bookworm bookworm-updates
                Components: main
                """);
            Assert.Equal("http://mirror.example/debian", AptMirror.Find("bookworm", apt));

            File.WriteAllText(Path.Combine(apt, "sources.list"), "# comment\ndeb [arch=amd64] http://one.example/debian bookworm main\n");
            Assert.Equal("http://one.example/debian", AptMirror.Find("bookworm", apt));
        }
        finally
        {
            Directory.Delete(apt, recursive: true);
        }
    }
}
