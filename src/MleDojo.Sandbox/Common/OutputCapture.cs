using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using MleDojo.Core.Platform;

namespace MleDojo.Sandbox.Common;

/// <summary>
/// Captures a run's stdout and stderr: the full bytes go to log files in the workspace (up to the output limit),
/// a head and a tail of each stream stay in memory for the result, and the newest lines for progress reports.
/// </summary>
internal sealed class OutputCapture : IAsyncDisposable
{
    public const int Stdout = 0;
    public const int Stderr = 1;

    private readonly object _gate = new();
    private readonly long _maxBytes;
    private readonly SafeFileHandle[] _logs;
    private readonly long[] _logOffsets = new long[2];
    private readonly HeadTailBuffer[] _kept;
    private readonly RecentLinesBuffer _recent;
    private readonly string[] _logPaths;
    private readonly string _runId;
    private readonly ILogger _logger;
    private long _acceptedBytes;
    private bool _limitReached;
    private bool _closed;
    private int _writeFailureLogged;

    private OutputCapture(SafeFileHandle stdoutLog, SafeFileHandle stderrLog, string[] logPaths, string runId, long maxBytes, int headBytes, int tailBytes, int recentLines, ILogger logger)
    {
        _logs = [stdoutLog, stderrLog];
        _logPaths = logPaths;
        _runId = runId;
        _logger = logger;
        _maxBytes = maxBytes;
        _kept = [new HeadTailBuffer(headBytes, tailBytes), new HeadTailBuffer(headBytes, tailBytes)];
        _recent = new RecentLinesBuffer(recentLines, sources: 2);
    }

    /// <summary>Raised once, from a reader, when the output passes the limit. The handler should kill the run.</summary>
    public event Action? LimitReached;

    /// <summary>Workspace-relative path of the stdout log.</summary>
    public string StdoutLogPath => _logPaths[Stdout];

    /// <summary>Workspace-relative path of the stderr log.</summary>
    public string StderrLogPath => _logPaths[Stderr];

    /// <summary>Creates <c>&lt;runId&gt;.stdout.log</c> and <c>&lt;runId&gt;.stderr.log</c> in the workspace-relative log directory.</summary>
    public static OutputCapture Create(string workspace, string logDirectory, string runId, long maxBytes, int headBytes, int tailBytes, int recentLines, ILogger logger)
    {
        var directory = string.Join('/', WorkspaceFiles.SplitRelative(logDirectory, "Log directory"));
        var stdoutName = runId + ".stdout.log";
        var stderrName = runId + ".stderr.log";
        var stdout = WorkspaceFiles.CreateFile(workspace, directory, stdoutName);
        try
        {
            var stderr = WorkspaceFiles.CreateFile(workspace, directory, stderrName);
            return new OutputCapture(stdout, stderr, [$"{directory}/{stdoutName}", $"{directory}/{stderrName}"], runId, maxBytes, headBytes, tailBytes, recentLines, logger);
        }
        catch
        {
            stdout.Dispose();
            throw;
        }
    }

    /// <summary>Whether the output passed the limit.</summary>
    public bool LimitWasReached
    {
        get
        {
            lock (_gate)
            {
                return _limitReached;
            }
        }
    }

    /// <summary>Copies one stream until it ends. Bytes past the limit are read (so the writer never blocks) and dropped.</summary>
    public async Task PumpAsync(int source, Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is ObjectDisposedException or OperationCanceledException)
            {
                // The run ended and its pipes were closed.
                return;
            }
            catch (IOException exception)
            {
                // A broken pipe ends the stream like an end of file: the run was killed, or closed its own output.
                SandboxLog.StreamEnded(_logger, StreamName(source), _runId, exception);
                return;
            }

            if (read == 0)
            {
                return;
            }

            await AcceptAsync(source, buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Accepts bytes of one stream from a reader that demultiplexes several streams itself (a Docker exec attach
    /// carries stdout and stderr on one connection). Bytes past the limit are dropped.
    /// </summary>
    public Task WriteAsync(int source, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        AcceptAsync(source, data, cancellationToken);

    /// <summary>The newest lines of both streams, interleaved in arrival order.</summary>
    public IReadOnlyList<string> Recent(int maxLines) => _recent.Recent(maxLines);

    /// <summary>The kept head and tail of one stream, with a marker naming the full log when bytes were cut.</summary>
    public string Text(int source) => _kept[source].ToText(_logPaths[source]);

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _closed = true;
            foreach (var log in _logs)
            {
                log.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(int source, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        int accepted;
        long offset;
        var reachedNow = false;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            accepted = (int)Math.Clamp(_maxBytes - _acceptedBytes, 0, data.Length);
            _acceptedBytes += accepted;
            offset = _logOffsets[source];
            _logOffsets[source] += accepted;
            if (accepted < data.Length && !_limitReached)
            {
                _limitReached = reachedNow = true;
            }
        }

        if (accepted > 0)
        {
            var kept = data[..accepted];
            _kept[source].Append(kept.Span);
            _recent.Append(source, kept.Span);
            await WriteLogAsync(source, kept, offset, cancellationToken).ConfigureAwait(false);
        }

        if (reachedNow)
        {
            var note = Encoding.UTF8.GetBytes($"\n[output limit of {_maxBytes} bytes reached; the run was killed]\n");
            long noteOffset;
            lock (_gate)
            {
                noteOffset = _logOffsets[source];
                _logOffsets[source] += note.Length;
            }

            await WriteLogAsync(source, note, noteOffset, cancellationToken).ConfigureAwait(false);
            LimitReached?.Invoke();
        }
    }

    private async Task WriteLogAsync(int source, ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken)
    {
        try
        {
            await RandomAccess.WriteAsync(_logs[source], data, offset, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ObjectDisposedException or OperationCanceledException)
        {
            // The run finished and closed its logs while a straggling reader was still writing.
        }
        catch (IOException exception)
        {
            // The disk is full, most likely: the head and tail in memory still reach the result. Said once per run, as
            // every later write fails the same way.
            if (Interlocked.Exchange(ref _writeFailureLogged, 1) == 0)
            {
                SandboxLog.LogWriteFailed(_logger, StreamName(source), _runId, offset, exception);
            }
        }
    }

    private static string StreamName(int source) => source == Stdout ? "stdout" : "stderr";
}
