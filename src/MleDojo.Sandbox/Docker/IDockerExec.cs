namespace MleDojo.Sandbox.Docker;

/// <summary>A process started in a container with <c>docker exec</c>, its output attached.</summary>
internal interface IDockerExec : IAsyncDisposable
{
    /// <summary>
    /// Reads the next chunk of output. Returns the byte count and the stream it came from
    /// (<c>OutputCapture.Stdout</c> or <c>OutputCapture.Stderr</c>); a count of 0 means the output has ended.
    /// </summary>
    Task<(int Count, int Source)> ReadAsync(byte[] buffer, CancellationToken cancellationToken);

    /// <summary>Writes to the process's stdin (attached only when its definition asked for it).</summary>
    Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Whether the process is still running, and its exit code once it is not.</summary>
    Task<DockerExecStatus> InspectAsync(CancellationToken cancellationToken);
}
