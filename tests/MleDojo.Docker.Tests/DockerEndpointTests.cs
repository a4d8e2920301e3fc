using MleDojo.Core.Execution;
using MleDojo.Sandbox.Docker;

namespace MleDojo.Docker.Tests;

/// <summary>Reaching the engine: the docker CLI's variables, TCP with TLS client certificates, and clear failures.</summary>
public sealed class DockerEndpointTests(DockerFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Resolve_NoEndpointConfigured_UsesDockerHostThenTheLocalSocket()
    {
        Assert.Equal("unix:///var/run/docker.sock", DockerEndpoint.Resolve(new DockerSandboxOptions(), _ => null).Uri.ToString());
        var fromEnvironment = DockerEndpoint.Resolve(new DockerSandboxOptions(), name => name == "DOCKER_HOST" ? "unix:///run/x.sock" : null);
        Assert.Equal("unix:///run/x.sock", fromEnvironment.Uri.ToString());
        Assert.Null(fromEnvironment.Tls);
        var configured = DockerEndpoint.Resolve(new DockerSandboxOptions { Endpoint = "tcp://10.0.0.5:2375" }, name => name == "DOCKER_HOST" ? "unix:///run/x.sock" : null);
        Assert.Equal("tcp://10.0.0.5:2375/", configured.Uri.ToString());
        Assert.Null(configured.Tls);
        Assert.Throws<ArgumentException>(() => DockerEndpoint.Resolve(new DockerSandboxOptions { Endpoint = "ftp://x" }, _ => null));
    }

    [Fact]
    public void Resolve_DockerTlsVariables_ConfigureTlsAndNameMissingFiles()
    {
        var directory = Directory.CreateTempSubdirectory("mledojo-dtest-certs-").FullName;
        try
        {
            foreach (var name in new[] { "ca.pem", "cert.pem", "key.pem" })
            {
                File.WriteAllText(Path.Combine(directory, name), "x");
            }

            string? Environment(string name) => name switch
            {
                "DOCKER_HOST" => "tcp://engine.example:2376",
                "DOCKER_TLS_VERIFY" => "1",
                "DOCKER_CERT_PATH" => directory,
                _ => null,
            };

            var endpoint = DockerEndpoint.Resolve(new DockerSandboxOptions(), Environment);
            Assert.NotNull(endpoint.Tls);
            Assert.True(endpoint.Tls.VerifyServer);
            Assert.Equal(Path.Combine(directory, "cert.pem"), endpoint.Tls.Certificate);
            Assert.Contains("TLS", endpoint.Description);

            File.Delete(Path.Combine(directory, "key.pem"));
            var error = Assert.Throws<ArgumentException>(() => DockerEndpoint.Resolve(new DockerSandboxOptions(), Environment));
            Assert.Contains("key.pem", error.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task CreateAsync_RemoteEngineOverTcpWithTlsClientCertificates_RunsSessions()
    {
        fixture.Require();
        var host = Environment.GetEnvironmentVariable("MLEDOJO_TEST_DOCKER_TLS_HOST");
        var certs = Environment.GetEnvironmentVariable("MLEDOJO_TEST_DOCKER_CERT_PATH");
        if (host is null || certs is null)
        {
            // scripts/docker-engine.sh sets both; an engine set up otherwise has no TLS listener to test against.
            Assert.SkipWhen(!DockerFixture.InCi, "MLEDOJO_TEST_DOCKER_TLS_HOST and MLEDOJO_TEST_DOCKER_CERT_PATH are not set (scripts/docker-engine.sh sets them).");
            Assert.Fail("Under CI the engine from scripts/docker-engine.sh must offer its TLS listener.");
        }

        var instance = $"test-tls-{Guid.NewGuid():N}"[..20];
        await using var provider = await DockerSandboxProvider.CreateAsync(new DockerSandboxOptions { Endpoint = host, CertPath = certs, TlsVerify = true, InstanceId = instance }, Ct);
        Assert.Contains("engine certificate verified", provider.Isolation.Description);
        await using var workspace = new TestWorkspace("mledojo-dtest-", createScriptsDirectory: true);
        await using var sandbox = await provider.CreateAsync(workspace.Spec(), Ct);
        await using var run = await sandbox.StartAsync(workspace.Script("print('over tls')\n"), Ct);
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(SandboxRunOutcome.Succeeded, result.Outcome);
        Assert.Equal("over tls\n", result.Stdout);

        // Without a client certificate the engine refuses the connection; with the wrong CA the client refuses the engine.
        var plain = await Assert.ThrowsAsync<SandboxException>(() => DockerSandboxProvider.CreateAsync(new DockerSandboxOptions { Endpoint = host, InstanceId = instance, ConnectTimeout = TimeSpan.FromSeconds(5) }, Ct));
        Assert.Contains("Cannot reach the Docker engine", plain.Message);
        var strangerCa = Path.Combine(Path.GetTempPath(), $"mledojo-dtest-ca-{Guid.NewGuid():N}.pem");
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=stranger", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var stranger = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllText(strangerCa, stranger.ExportCertificatePem());
        }

        try
        {
            var untrusted = await Assert.ThrowsAsync<SandboxException>(() => DockerSandboxProvider.CreateAsync(
                new DockerSandboxOptions { Endpoint = host, CertPath = certs, TlsCaCertificate = strangerCa, InstanceId = instance, ConnectTimeout = TimeSpan.FromSeconds(5) },
                Ct));
            Assert.Contains("Cannot reach the Docker engine", untrusted.Message);
        }
        finally
        {
            File.Delete(strangerCa);
        }
    }

    [Fact]
    public async Task CreateAsync_MissingImage_FailsSayingHowToBuildIt()
    {
        fixture.Require();
        var error = await Assert.ThrowsAsync<SandboxException>(() =>
            DockerSandboxProvider.CreateAsync(new DockerSandboxOptions { Image = "mledojo-sandbox:does-not-exist", InstanceId = "test-missing-image" }, Ct));
        Assert.Contains("mledojo-sandbox:does-not-exist", error.Message);
        Assert.Contains("mledojo sandbox build-image", error.Message);
        Assert.Contains("docker build", error.Message);
    }

    [Fact]
    public async Task CreateAsync_UnreachableEngineOrInvalidOptions_FailsWithAClearMessage()
    {
        var error = await Assert.ThrowsAsync<SandboxException>(() =>
            DockerSandboxProvider.CreateAsync(new DockerSandboxOptions { Endpoint = "unix:///nonexistent/docker.sock", ConnectTimeout = TimeSpan.FromSeconds(5) }, Ct));
        Assert.Contains("Cannot reach the Docker engine at unix:///nonexistent/docker.sock", error.Message);

        var invalid = await Assert.ThrowsAsync<SandboxException>(() =>
            DockerSandboxProvider.CreateAsync(new DockerSandboxOptions { Image = "", AgentUid = 0, InstanceId = "bad id" }, Ct));
        Assert.Contains("Image", invalid.Message);
        Assert.Contains("AgentUid", invalid.Message);
        Assert.Contains("InstanceId", invalid.Message);
    }
}
