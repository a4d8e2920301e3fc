using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MleDojo.Core.Execution;
using MleDojo.Core.Platform;
using MleDojo.Sandbox.Local;

namespace MleDojo.Sandbox.Warm;

/// <summary>
/// One session's warm template process (<c>mledojo_warm_template.py</c> inside the session's sandbox) and its control
/// channel: JSON lines to its stdin ask for a run, JSON lines from its stdout say a run started, failed or exited.
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
    private readonly TaskCompletionSource<JsonObject> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reader;
    private readonly Task _errors;
    private int _nextRun;
    private bool _dead;

    private WarmTemplate(Process process, ILogger logger)
    {
        _process = process;
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
    public static async Task<WarmTemplate> StartAsync(ProcessStartInfo startInfo, TimeSpan readyTimeout, ILogger logger, CancellationToken cancellationToken)
    {
        var process = await ProcessLauncher.StartAsync(startInfo, cancellationToken).ConfigureAwait(false);
        var template = new WarmTemplate(process, logger);
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
    /// run's init and the end of the run.
    /// </summary>
    public async Task<WarmSpawn> SpawnAsync(JsonObject request, CancellationToken cancellationToken)
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
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _process.StandardInput.WriteLineAsync(request.ToJsonString().AsMemory(), cancellationToken).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            MarkDead();
            throw new SandboxException("The warm interpreter has stopped.", exception);
        }
        finally
        {
            _writeGate.Release();
        }

        // Not cancellable once asked: the template forks regardless, and the exit event still has to be awaited.
        var (pid, prefaulted) = await started.Task.ConfigureAwait(false);
        return new WarmSpawn(pid, exited.Task, prefaulted);
    }

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
                Dispatch(JsonNode.Parse(line)!.AsObject());
            }
        }
        catch (Exception exception) when (exception is IOException or JsonException or ObjectDisposedException or InvalidOperationException)
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
