namespace MleDojo.Sandbox.Docker;

/// <summary>The PEM files of a TLS connection to a remote engine.</summary>
/// <param name="CaCertificate">The CA the engine's certificate must chain to.</param>
/// <param name="Certificate">The client certificate the engine authorises.</param>
/// <param name="Key">The client certificate's private key.</param>
/// <param name="VerifyServer">Whether the engine's certificate is checked against the CA and the host name.</param>
internal sealed record DockerTlsFiles(string CaCertificate, string Certificate, string Key, bool VerifyServer);
