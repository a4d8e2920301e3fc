using System.Net.Sockets;

namespace MleDojo.Sandbox.Warm;

/// <summary>
/// The two Unix sockets a warm run's stdout and stderr connect to: listening in the session's private directory,
/// which the template sees and runs do not. Each accepts one connection and stops listening, so nothing else can
/// reach a run's output.
/// </summary>
internal sealed class WarmRunSockets : IDisposable
{
    private readonly Socket[] _listeners;
    private readonly string[] _paths;

    private WarmRunSockets(Socket[] listeners, string[] paths)
    {
        _listeners = listeners;
        _paths = paths;
    }

    /// <summary>Listens on <c>&lt;n&gt;.o</c> and <c>&lt;n&gt;.e</c> in <paramref name="hostDirectory"/> (short names: socket paths are limited to 108 bytes).</summary>
    public static WarmRunSockets Listen(string hostDirectory, int n)
    {
        var paths = new[] { Path.Combine(hostDirectory, $"{n}.o"), Path.Combine(hostDirectory, $"{n}.e") };
        var listeners = new List<Socket>();
        try
        {
            foreach (var path in paths)
            {
                File.Delete(path);
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                listeners.Add(socket);
                socket.Bind(new UnixDomainSocketEndPoint(path));
                socket.Listen(1);
            }
        }
        catch
        {
            listeners.ForEach(l => l.Dispose());
            throw;
        }

        return new WarmRunSockets([.. listeners], paths);
    }

    /// <summary>Names of the sockets, for the template's request.</summary>
    public static (string Stdout, string Stderr) Names(int n) => ($"{n}.o", $"{n}.e");

    /// <summary>Waits for the run to connect one stream (index 0 stdout, 1 stderr); null when cancelled first.</summary>
    public async Task<Stream?> AcceptAsync(int index, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await _listeners[index].AcceptAsync(cancellationToken).ConfigureAwait(false);
            _listeners[index].Dispose();
            File.Delete(_paths[index]);
            return new NetworkStream(connection, ownsSocket: true);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        foreach (var path in _paths)
        {
            File.Delete(path);
        }
    }
}
