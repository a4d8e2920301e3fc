using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet;
using Docker.DotNet.Models;
using Docker.DotNet.X509;

namespace MleDojo.Sandbox.Docker;

/// <summary>The Docker.DotNet implementation of <see cref="IDockerEngine"/>: the only place its types appear.</summary>
internal sealed class DockerEngine : IDockerEngine
{
    private readonly DockerClientConfiguration _configuration;
    private readonly DockerClient _client;
    private readonly TimeSpan _apiTimeout;

    private DockerEngine(DockerEndpoint endpoint, DockerClientConfiguration configuration, TimeSpan apiTimeout)
    {
        Endpoint = endpoint.Description;
        _configuration = configuration;
        _client = configuration.CreateClient();
        _apiTimeout = apiTimeout;
    }

    public string Endpoint { get; }

    /// <summary>A client for the endpoint. Nothing is sent until the first call.</summary>
    public static DockerEngine Connect(DockerEndpoint endpoint, TimeSpan apiTimeout)
    {
        Credentials? credentials = null;
        if (endpoint.Tls is { } tls)
        {
            credentials = new CertificateCredentials(LoadClientCertificate(tls))
            {
                ServerCertificateValidationCallback = tls.VerifyServer ? ServerValidator(tls.CaCertificate) : (_, _, _, _) => true,
            };
        }

        // Requests carry their own deadlines (ApiTimeout, or none for the attached output of a long run).
        var configuration = new DockerClientConfiguration(endpoint.Uri, credentials, Timeout.InfiniteTimeSpan);
        return new DockerEngine(endpoint, configuration, apiTimeout);
    }

    public async Task<DockerEngineInfo> GetInfoAsync(CancellationToken cancellationToken)
    {
        using var deadline = Deadline(cancellationToken);
        var version = await _client.System.GetVersionAsync(deadline.Token).ConfigureAwait(false);
        var info = await _client.System.GetSystemInfoAsync(deadline.Token).ConfigureAwait(false);
        return new DockerEngineInfo(version.Version, version.APIVersion, info.OperatingSystem ?? version.Os, (int)Math.Max(1, info.NCPU), info.CgroupVersion);
    }

    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(cancellationToken);
        try
        {
            await _client.Images.InspectImageAsync(image, deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task<string> CreateContainerAsync(ContainerDefinition definition, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(cancellationToken);
        var response = await _client.Containers.CreateContainerAsync(ToParameters(definition), deadline.Token).ConfigureAwait(false);
        return response.ID;
    }

    public async Task StartContainerAsync(string id, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(cancellationToken);
        await _client.Containers.StartContainerAsync(id, new ContainerStartParameters(), deadline.Token).ConfigureAwait(false);
    }

    public async Task<DockerContainerStatus?> InspectContainerAsync(string id, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(cancellationToken);
        try
        {
            var response = await _client.Containers.InspectContainerAsync(id, deadline.Token).ConfigureAwait(false);
            var state = response.State;
            return new DockerContainerStatus(state.Running && !state.Paused, state.ExitCode, state.OOMKilled, string.IsNullOrEmpty(state.Error) ? null : state.Error);
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<string>> ListContainersAsync(string label, string value, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(cancellationToken);
        var containers = await _client.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [$"{label}={value}"] = true },
                },
            },
            deadline.Token).ConfigureAwait(false);
        return [.. containers.Select(c => c.ID)];
    }

    public async Task RemoveContainerAsync(string id, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(cancellationToken);
        try
        {
            await _client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, deadline.Token).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone.
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict && ex.ResponseBody.Contains("already in progress", StringComparison.OrdinalIgnoreCase))
        {
            // Someone else (a concurrent dispose, the start-up sweep) is removing it.
        }
    }

    public async Task KillContainerAsync(string id, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(cancellationToken);
        try
        {
            await _client.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = "SIGKILL" }, deadline.Token).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Gone, or not running: either way nothing runs in it any more.
        }
    }

    public async Task UpdateMemoryAsync(string id, long memoryBytes, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(cancellationToken);

        // Swap stays equal to memory, as at creation: no swap on top of the limit.
        await _client.Containers.UpdateContainerAsync(id, new ContainerUpdateParameters { Memory = memoryBytes, MemorySwap = memoryBytes }, deadline.Token).ConfigureAwait(false);
    }

    public async Task<IDockerExec> StartExecAsync(string containerId, DockerExecDefinition definition, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(cancellationToken);
        var created = await _client.Exec.ExecCreateContainerAsync(
            containerId,
            new ContainerExecCreateParameters
            {
                AttachStdin = definition.Stdin,
                AttachStdout = true,
                AttachStderr = true,
                Cmd = [.. definition.Command],
                User = definition.User,
                WorkingDir = definition.WorkingDirectory,
            },
            deadline.Token).ConfigureAwait(false);
        var stream = await _client.Exec.StartAndAttachContainerExecAsync(created.ID, tty: false, deadline.Token).ConfigureAwait(false);
        return new Exec(this, created.ID, stream);
    }

    public async Task ImportImageAsync(Stream rootFilesystemTar, string image, IReadOnlyList<string> changes, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var colon = image.LastIndexOf(':');
        var (repository, tag) = colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
        string? error = null;
        await _client.Images.CreateImageAsync(
            new ImagesCreateParameters { Repo = repository, Tag = tag, Changes = [.. changes] },
            rootFilesystemTar,
            new AuthConfig(),
            new Progress(message =>
            {
                error ??= message.ErrorMessage ?? message.Error?.Message;
                if (!string.IsNullOrEmpty(message.Status))
                {
                    progress?.Report(message.Status);
                }
            }),
            cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            throw new InvalidOperationException($"The engine refused the image import: {error}");
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        _configuration.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Maps a definition to the create request; internal so tests can check the mapping without an engine.</summary>
    internal static CreateContainerParameters ToParameters(ContainerDefinition definition) => new()
    {
        Name = definition.Name,
        Image = definition.Image,
        User = definition.User,
        Cmd = [.. definition.Command],
        Env = [.. definition.Environment],
        Labels = definition.Labels.ToDictionary(),
        WorkingDir = definition.WorkingDirectory,
        Hostname = definition.Hostname,
        NetworkDisabled = true,
        HostConfig = new HostConfig
        {
            NetworkMode = definition.NetworkMode,
            ReadonlyRootfs = definition.ReadOnlyRootFilesystem,
            CapDrop = [.. definition.CapDrop],
            CapAdd = [.. definition.CapAdd],
            SecurityOpt = [.. definition.SecurityOptions],
            Mounts = [.. definition.Mounts.Select(m => new Mount
            {
                Type = "bind",
                Source = m.Source,
                Target = m.Target,
                ReadOnly = m.ReadOnly,
                BindOptions = new BindOptions { Propagation = "rprivate" },
            })],
            Tmpfs = definition.Tmpfs.ToDictionary(),
            ShmSize = definition.ShmSizeBytes,
            Memory = definition.MemoryBytes,

            // Equal to the memory limit: no swap on top of it.
            MemorySwap = definition.MemoryBytes,
            NanoCPUs = definition.NanoCpus,
            PidsLimit = definition.PidsLimit,
            IpcMode = "private",
            Ulimits = [new Ulimit { Name = "core", Soft = 0, Hard = 0 }],
            RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.No },
        },
    };

    private static X509Certificate2 LoadClientCertificate(DockerTlsFiles tls)
    {
        using var pem = X509Certificate2.CreateFromPemFile(tls.Certificate, tls.Key);

        // A key loaded from PEM is ephemeral; TLS client authentication wants one that a PKCS#12 round trip makes persistent.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private static RemoteCertificateValidationCallback ServerValidator(string caPath)
    {
        var authority = X509CertificateLoader.LoadCertificateFromFile(caPath);
        return (_, certificate, _, errors) =>
        {
            // The host name must match; the chain is checked against the configured CA only, not the system's roots.
            if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(authority);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var server = new X509Certificate2(certificate);
            return chain.Build(server);
        };
    }

    private CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(_apiTimeout);
        return source;
    }

    private sealed class Progress(Action<JSONMessage> report) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value) => report(value);
    }

    private sealed class Exec(DockerEngine engine, string id, MultiplexedStream stream) : IDockerExec
    {
        public async Task<(int Count, int Source)> ReadAsync(byte[] buffer, CancellationToken cancellationToken)
        {
            var result = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
            return (result.Count, result.Target == MultiplexedStream.TargetStream.StandardError ? Common.OutputCapture.Stderr : Common.OutputCapture.Stdout);
        }

        public Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
            stream.WriteAsync(data.ToArray(), 0, data.Length, cancellationToken);

        public async Task<DockerExecStatus> InspectAsync(CancellationToken cancellationToken)
        {
            using var deadline = engine.Deadline(cancellationToken);
            var response = await engine._client.Exec.InspectContainerExecAsync(id, deadline.Token).ConfigureAwait(false);
            return new DockerExecStatus(response.Running, (int)response.ExitCode);
        }

        public ValueTask DisposeAsync()
        {
            stream.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
