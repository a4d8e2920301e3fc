namespace MleDojo.Sandbox.Docker;

/// <summary>
/// Where the engine is and how to authenticate to it, resolved from the options and the docker CLI's environment
/// variables (<c>DOCKER_HOST</c>, <c>DOCKER_TLS_VERIFY</c>, <c>DOCKER_CERT_PATH</c>), so a server set up like the CLI
/// reaches the same engine.
/// </summary>
/// <param name="Uri">The engine address.</param>
/// <param name="Tls">Client certificate and CA paths when the connection uses TLS, else null.</param>
internal sealed record DockerEndpoint(Uri Uri, DockerTlsFiles? Tls)
{
    public const string DefaultSocket = "unix:///var/run/docker.sock";

    /// <summary>The endpoint for display: the address and whether it is encrypted. Never includes key material.</summary>
    public string Description => Tls is null ? Uri.ToString() : $"{Uri} (TLS{(Tls.VerifyServer ? ", engine certificate verified" : ", engine certificate NOT verified")})";

    /// <exception cref="ArgumentException">The endpoint is malformed or a configured certificate file is missing.</exception>
    public static DockerEndpoint Resolve(DockerSandboxOptions options, Func<string, string?> environment)
    {
        var text = Blank(options.Endpoint) ?? Blank(environment("DOCKER_HOST")) ?? DefaultSocket;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("unix" or "tcp" or "http" or "https"))
        {
            throw new ArgumentException($"Docker endpoint '{text}' must be unix:///path/to/docker.sock, tcp://host:port or https://host:port.");
        }

        var verifyVariable = Blank(environment("DOCKER_TLS_VERIFY"));
        var verify = options.TlsVerify ?? (verifyVariable is not null && verifyVariable != "0");
        var explicitFiles = options.TlsCertificate is not null || options.TlsKey is not null || options.TlsCaCertificate is not null;
        var useTls = uri.Scheme != "unix" && (verify || explicitFiles || uri.Scheme == "https");
        if (!useTls)
        {
            return new DockerEndpoint(uri, null);
        }

        var directory = Blank(options.CertPath) ?? Blank(environment("DOCKER_CERT_PATH"))
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        var files = new DockerTlsFiles(
            options.TlsCaCertificate ?? Path.Combine(directory, "ca.pem"),
            options.TlsCertificate ?? Path.Combine(directory, "cert.pem"),
            options.TlsKey ?? Path.Combine(directory, "key.pem"),
            VerifyServer: options.TlsVerify ?? true);
        var missing = new[] { files.Certificate, files.Key }
            .Concat(files.VerifyServer ? [files.CaCertificate] : [])
            .Where(path => !File.Exists(path))
            .ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"Docker endpoint {uri} uses TLS but these certificate files do not exist: {string.Join(", ", missing)}. "
                + "Set DOCKER_CERT_PATH (or MleDojo:Sandbox:Docker:CertPath) to the directory holding ca.pem, cert.pem and key.pem.");
        }

        return new DockerEndpoint(uri, files);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
