using System.Text;
using System.Threading.Channels;
using MleDojo.Sandbox.Common;

namespace MleDojo.Sandbox.Docker;

/// <summary>
/// A warm run as <see cref="DockerSandboxRun"/> sees an exec: its output and exit code, relayed by the session's
/// template over the template's own exec (no <c>docker exec</c> per run). Its output ends when the template says the
/// run's pipes are closed; it is "running" until the template reaped the run's supervisor. A template that stopped
/// ends it as the warm client did: exit 250, with a line on stderr saying so.
/// </summary>
internal sealed class DockerRelayedExec : IDockerExec
{
    /// <summary>The exit code of a run the template did not start (a line on its stderr says why).</summary>
    public const int NotTaken = 251;

    /// <summary>The exit code of a run whose template stopped during it.</summary>
    public const int TemplateLost = 250;

    private const int StillRunning = -1;

    private readonly Channel<(byte[] Data, int Source)> _output = Channel.CreateUnbounded<(byte[], int)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Action _forget;
    private (byte[] Data, int Source, int Offset)? _partial;
    private volatile int _exitCode = StillRunning;

    /// <param name="forget">Called when the run is disposed: the template stops routing its events.</param>
    public DockerRelayedExec(Action forget) => _forget = forget;

    /// <summary>A chunk the run wrote (called by the template's reader, in order).</summary>
    public void Output(int source, byte[] data) => _output.Writer.TryWrite((data, source));

    /// <summary>The run's supervisor exited with <paramref name="exitCode"/>.</summary>
    public void Exited(int exitCode) => _exitCode = exitCode;

    /// <summary>The run's output is all sent.</summary>
    public void Closed() => _output.Writer.TryComplete();

    /// <summary>The template did not start the run, or stopped during it: a line on stderr and an exit code say which.</summary>
    public void Failed(int exitCode, string message)
    {
        _output.Writer.TryWrite((Encoding.UTF8.GetBytes("sandbox: " + message + "\n"), OutputCapture.Stderr));
        Exited(exitCode);
        Closed();
    }

    /// <summary>The template stopped: a run still going ends with exit <see cref="TemplateLost"/> and a line saying so.</summary>
    public void Lost(string message)
    {
        if (_exitCode == StillRunning)
        {
            Failed(TemplateLost, message);
        }

        Closed();
    }

    public async Task<(int Count, int Source)> ReadAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        if (_partial is not { } chunk)
        {
            if (!await _output.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) || !_output.Reader.TryRead(out var next))
            {
                return (0, OutputCapture.Stdout);
            }

            chunk = (next.Data, next.Source, 0);
        }

        var count = Math.Min(buffer.Length, chunk.Data.Length - chunk.Offset);
        chunk.Data.AsSpan(chunk.Offset, count).CopyTo(buffer);
        _partial = chunk.Offset + count < chunk.Data.Length ? chunk with { Offset = chunk.Offset + count } : null;
        return (count, chunk.Source);
    }

    public Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A warm run gets no stdin.");

    public Task<DockerExecStatus> InspectAsync(CancellationToken cancellationToken)
    {
        var exitCode = _exitCode;
        return Task.FromResult(new DockerExecStatus(exitCode == StillRunning, Math.Max(0, exitCode)));
    }

    public ValueTask DisposeAsync()
    {
        _forget();
        _output.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
