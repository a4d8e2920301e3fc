namespace MleDojo.Server.Hosting;

/// <summary>
/// The Docker backend's settings (<c>MleDojo:Sandbox:Docker</c>). Unset values fall back to the docker CLI's
/// environment variables: <c>DOCKER_HOST</c>, <c>DOCKER_TLS_VERIFY</c>, <c>DOCKER_CERT_PATH</c>.
/// </summary>
public sealed class DockerSandboxSettings
{
    /// <summary>Engine endpoint: <c>unix:///var/run/docker.sock</c> or <c>tcp://host:2376</c>. The default is $DOCKER_HOST, else the local socket.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Use TLS and verify the engine's certificate. The default is $DOCKER_TLS_VERIFY; TLS is also used when certificate paths are set.</summary>
    public bool? TlsVerify { get; set; }

    /// <summary>Directory holding ca.pem, cert.pem and key.pem. The default is $DOCKER_CERT_PATH, else ~/.docker.</summary>
    public string? CertPath { get; set; }

    /// <summary>CA certificate (PEM) path, overriding ca.pem in <see cref="CertPath"/>.</summary>
    public string? CaCertificate { get; set; }

    /// <summary>Client certificate (PEM) path, overriding cert.pem in <see cref="CertPath"/>.</summary>
    public string? Certificate { get; set; }

    /// <summary>Client key (PEM) path, overriding key.pem in <see cref="CertPath"/>.</summary>
    public string? Key { get; set; }

    /// <summary>The sandbox image. The default is mledojo-sandbox:1 (build it with <c>mledojo sandbox build-image</c>).</summary>
    public string? Image { get; set; }

    /// <summary>The <c>mledojo.instance</c> label value. The default is derived from the data root, stable across restarts.</summary>
    public string? InstanceId { get; set; }
}
