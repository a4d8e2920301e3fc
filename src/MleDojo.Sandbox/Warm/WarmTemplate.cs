using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MleDojo.Core.Execution;
using MleDojo.Core.Platform;
using MleDojo.Sandbox.Common;
using MleDojo.Sandbox.Local;

namespace MleDojo.Sandbox.Warm;

/// <summary>
/// One session's warm template process (<c>mledojo_warm_template.py</c> inside the session's sandbox) and its control
/// channel: JSON lines to its stdin ask for a run or end one, JSON lines from its stdout say a run started, failed or
/// exited, or carry a relayed run's output.
/// </summary>
internal sealed class WarmTemplate : IAsyncDisposable
{
    private readonly Process _process;
    private readonly int _pid;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly object _gate = new();
    private readonly Dictionary<int, TaskCompletionSource<(int Pid, long Prefaulted)>> _starting = [];
    private readonly Dictionary<int, TaskCompletionSource<int?>> _exits = [];
    private readonly Dictionary<int, WarmOutputSink> _outputs = [];
    private readonly TimeSpan _exitGrace;
    private readonly TaskCompletionSource<JsonObject> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reader;
    private readonly Task _errors;
    private int _nextRun;
    private bool _dead;

    private WarmTemplate(Process process, TimeSpan exitGrace, ILogger logger)
    {
        _process = process;
        _exitGrace = exitGrace;
        _pid = process.Id;
        _logger = logger;
        _reader = ReadEventsAsync();
        _errors = ReadErrorsAsync();
    }

    /// <summary>The host pid of the outermost process (setsid, then bwrap): the root of every run's process tree.</summary>
    public int RootPid => _pid;

    /// <summary>The template's anonymous resident memory once its imports are done, in bytes.</summary>
    public long AnonymousBytes { get; private set; }

    /// <summary>The template's address space once its imports are done, in bytes (every run inherits it mapped).</summary>
    public long VirtualBytes { get; private set; }

    /// <summary>Seconds the template spent importing.</summary>
    public double ImportSeconds { get; private set; }

    /// <summary>Whether the template process is still there to fork runs.</summary>
    public bool IsAlive
    {
        get
        {
            lock (_gate)
            {
                return !_dead;
            }
        }
    }

    /// <summary>Starts the template (from the launcher thread) and waits until its imports are done.</summary>
    /// <param name="startInfo">The template's command, its stdin, stdout and stderr redirected.</param>
    /// <param name="readyTimeout">How long its imports may take.</param>
    /// <param name="logger">Where its own stderr and failures go.</param>
    /// <param name="cancellationToken">Stops waiting (and ends the template).</param>
    /// <param name="exitGrace">How long it gets to exit by itself when disposed before it is killed: a template behind a
    /// client (srun) that killing would only cut off is given time to end with its runs.</param>
    public static async Task<WarmTemplate> StartAsync(ProcessStartInfo startInfo, TimeSpan readyTimeout, ILogger logger, CancellationToken cancellationToken, TimeSpan exitGrace = default)
    {
        var process = await ProcessLauncher.StartAsync(startInfo, cancellationToken).ConfigureAwait(false);
        var template = new WarmTemplate(process, exitGrace, logger);
        try
        {
            var ready = await template._ready.Task.WaitAsync(readyTimeout, cancellationToken).ConfigureAwait(false);
            template.AnonymousBytes = ready["rssAnonKb"]!.GetValue<long>() * 1024;
            template.VirtualBytes = ready["vmKb"]!.GetValue<long>() * 1024;
            template.ImportSeconds = ready["seconds"]!.GetValue<double>();
            foreach (var failure in ready["failed"]!.AsArray())
            {
                WarmLog.PreloadFailed(logger, failure!.GetValue<string>());
            }

            return template;
        }
        catch
        {
            await template.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reserves the number of the next run (it names the run's output sockets).</summary>
    public int NextRunNumber() => Interlocked.Increment(ref _nextRun);

    /// <summary>
    /// Asks the template to hand run <paramref name="request"/>["n"] to its spare (or to one it forks now); returns the
    /// run's init and the end of the run. A request without output sockets has its output relayed to
    /// <paramref name="output"/>, all of it before the run's end.
    /// </summary>
    public async Task<WarmSpawn> SpawnAsync(JsonObject request, CancellationToken cancellationToken, WarmOutputSink? output = null)
    {
        var n = request["n"]!.GetValue<int>();
        var started = new TaskCompletionSource<(int Pid, long Prefaulted)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var exited = new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_dead)
            {
                throw new SandboxException("The warm interpreter has stopped.");
            }

            _starting[n] = started;
            _exits[n] = exited;
            if (output is not null)
            {
                _outputs[n] = output;
            }
        }

        await SendAsync(request, cancellationToken).ConfigureAwait(false);

        // Not cancellable once asked: the template forks regardless, and the exit event still has to be awaited.
        var (pid, prefaulted) = await started.Task.ConfigureAwait(false);
        return new WarmSpawn(pid, exited.Task, prefaulted);
    }

    /// <summary>Asks the template to kill run <paramref name="n"/> and every process in it (where the server cannot signal it itself).</summary>
    public Task KillAsync(int n, CancellationToken cancellationToken) => SendAsync(new JsonObject { ["kill"] = n }, cancellationToken);

    /// <summary>Ends the template: closing its stdin makes it exit; the process group is killed in case it does not.</summary>
    public async ValueTask DisposeAsync()
    {
        MarkDead();
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It is gone already.
        }

        if (_exitGrace > TimeSpan.Zero)
        {
            using var grace = new CancellationTokenSource(_exitGrace);
            try
            {
                await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // It did not end by itself: killed below.
            }
        }

        LibC.Kill(-_pid, LibC.SIGKILL);
        LibC.Kill(_pid, LibC.SIGKILL);
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        await Task.WhenAll(_reader, _errors).ConfigureAwait(false);
        _process.Dispose();
        _writeGate.Dispose();
    }

    private async Task ReadEventsAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                var message = JsonNode.Parse(line)!.AsObject();
                if (message["event"]!.GetValue<string>() == "output")
                {
                    await RelayAsync(message).ConfigureAwait(false);
                    continue;
                }

                Dispatch(message);
            }
        }
        catch (Exception exception) when (exception is IOException or JsonException or ObjectDisposedException or InvalidOperationException or FormatException)
        {
            WarmLog.ControlFailed(_logger, exception);
        }

        MarkDead();
    }

    private void Dispatch(JsonObject message)
    {
        var kind = message["event"]!.GetValue<string>();
        if (kind == "ready")
        {
            _ready.TrySetResult(message);
            return;
        }

        var n = message["n"]!.GetValue<int>();
        TaskCompletionSource<(int Pid, long Prefaulted)>? started;
        TaskCompletionSource<int?>? exited;
        lock (_gate)
        {
            _starting.Remove(n, out started);
            exited = kind is "failed" or "exited" && _exits.Remove(n, out var found) ? found : null;
            if (exited is not null)
            {
                _outputs.Remove(n);
            }
        }

        switch (kind)
        {
            case "started":
                started?.TrySetResult((message["pid"]!.GetValue<int>(), message["prefaulted"]?.GetValue<long>() ?? 0));
                break;
            case "failed":
                started?.TrySetException(new SandboxException("The warm interpreter could not fork the run: " + message["error"]!.GetValue<string>()));
                exited?.TrySetResult(null);
                break;
            case "exited":
                exited?.TrySetResult(message["status"]!.GetValue<int>());
                break;
        }
    }

    /// <summary>A relayed run's output, in order: the reader waits for it to be written, so the run's end comes after it.</summary>
    private async Task RelayAsync(JsonObject message)
    {
        WarmOutputSink? output;
        lock (_gate)
        {
            output = _outputs.GetValueOrDefault(message["n"]!.GetValue<int>());
        }

        if (output is not null)
        {
            var source = message["fd"]!.GetValue<int>() == 2 ? OutputCapture.Stderr : OutputCapture.Stdout;
            try
            {
                await output(source, Convert.FromBase64String(message["data"]!.GetValue<string>())).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException)
            {
                // That run's capture failed or is gone; the channel and the other runs carry on.
                WarmLog.ControlFailed(_logger, exception);
            }
        }
    }

    private async Task SendAsync(JsonObject message, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _process.StandardInput.WriteLineAsync(message.ToJsonString().AsMemory(), cancellationToken).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            MarkDead();
            throw new SandboxException("The warm interpreter has stopped.", exception);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private void MarkDead()
    {
        List<TaskCompletionSource<(int Pid, long Prefaulted)>> starting;
        List<TaskCompletionSource<int?>> exits;
        lock (_gate)
        {
            _dead = true;
            starting = [.. _starting.Values];
            exits = [.. _exits.Values];
            _starting.Clear();
            _exits.Clear();
            _outputs.Clear();
        }

        _ready.TrySetException(new SandboxException("The warm interpreter exited before its imports were done (see the server log)."));
        foreach (var start in starting)
        {
            start.TrySetException(new SandboxException("The warm interpreter has stopped."));
        }

        foreach (var exit in exits)
        {
            exit.TrySetResult(null);
        }
    }

    private async Task ReadErrorsAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                WarmLog.TemplateSaid(_logger, line);
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The template is gone; the event reader reports it.
        }
    }
}
