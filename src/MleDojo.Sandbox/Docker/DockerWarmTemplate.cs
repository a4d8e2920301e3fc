using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MleDojo.Core.Execution;
using MleDojo.Sandbox.Common;
using MleDojo.Sandbox.Warm;

namespace MleDojo.Sandbox.Docker;

/// <summary>
/// One warm template (<c>mledojo_warm_docker.py</c>) running in a session's container as a long-lived root exec whose
/// stdin and stdout are its channel: a JSON line on stdin starts a run, and it prints events: ready (its imports are
/// done), started (the pid of a run's supervisor, which the killer needs), a run's output, exited, closed (the run's
/// last output is sent) and failed. Its output ending means it has stopped.
/// </summary>
internal sealed class DockerWarmTemplate : IAsyncDisposable
{
    private readonly IDockerExec _exec;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _supervisors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DockerRelayedExec> _runs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly TaskCompletionSource<JsonObject> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reader;

    private DockerWarmTemplate(string containerId, IDockerExec exec, ILogger logger)
    {
        ContainerId = containerId;
        _exec = exec;
        _logger = logger;
        _reader = ReadAsync();
    }

    /// <summary>The container the template lives in.</summary>
    public string ContainerId { get; }

    /// <summary>The template's pid in its container, once it is ready.</summary>
    public int Pid { get; private set; }

    /// <summary>The template's anonymous resident memory once its imports are done, in bytes.</summary>
    public long AnonymousBytes { get; private set; }

    /// <summary>The template's address space once its imports are done, in bytes (every run inherits it mapped).</summary>
    public long VirtualBytes { get; private set; }

    /// <summary>Seconds the template spent importing.</summary>
    public double ImportSeconds { get; private set; }

    /// <summary>Completes when the template has stopped (its exec's output ended).</summary>
    public Task Stopped => _reader;

    /// <summary>Whether the template is still there to fork runs.</summary>
    public bool IsAlive => !_reader.IsCompleted;

    /// <summary>Starts the template's exec as root (the template drops each run to <c>spec</c>'s identity).</summary>
    public static async Task<DockerWarmTemplate> StartAsync(IDockerEngine engine, string containerId, string spec, ILogger logger, CancellationToken cancellationToken)
    {
        var exec = await engine.StartExecAsync(
            containerId,
            new DockerExecDefinition(
                [
                    "python3", "-s", "-c", ContainerScripts.WarmBoot, ContainerScripts.TemplateMarker, spec,
                    WarmTemplateScript.Read(WarmTemplateScript.RunnerFileName), WarmTemplateScript.Read(WarmTemplateScript.SpareFileName),
                    WarmTemplateScript.Read(WarmTemplateScript.FileName), WarmTemplateScript.Read(WarmTemplateScript.DockerFileName),
                ],
                "0:0",
                "/",
                Stdin: true),
            cancellationToken).ConfigureAwait(false);
        return new DockerWarmTemplate(containerId, exec, logger);
    }

    /// <summary>Waits until the imports are done; fails when the template stopped first.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ready = await _ready.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        Pid = ready["pid"]!.GetValue<int>();
        AnonymousBytes = ready["rssAnonKb"]!.GetValue<long>() * 1024;
        VirtualBytes = ready["vmKb"]!.GetValue<long>() * 1024;
        ImportSeconds = ready["seconds"]!.GetValue<double>();
        foreach (var failure in ready["failed"]!.AsArray())
        {
            WarmLog.PreloadFailed(_logger, failure!.GetValue<string>());
        }
    }

    /// <summary>The pid (in the container) of the supervisor the template forked for the run with this marker, once it has.</summary>
    public int? SupervisorPid(string marker)
    {
        lock (_gate)
        {
            return _supervisors.TryGetValue(marker, out var pid) ? pid : null;
        }
    }

    /// <summary>
    /// Starts a run: the template forks its supervisor (which starts the script as the cold supervisor would) and relays
    /// its output. A run the template cannot take ends at once with exit <see cref="DockerRelayedExec.NotTaken"/>.
    /// </summary>
    /// <param name="marker">The run's marker (the killer finds its supervisor by it).</param>
    /// <param name="request">The JSON request: marker, script, cwd and address-space limit.</param>
    /// <param name="cancellationToken">Cancels sending the request.</param>
    public async Task<IDockerExec> StartRunAsync(string marker, string request, CancellationToken cancellationToken)
    {
        var run = new DockerRelayedExec(() => Forget(marker));
        lock (_gate)
        {
            _runs[marker] = run;
        }

        if (!IsAlive)
        {
            run.Failed(DockerRelayedExec.NotTaken, "the warm interpreter did not take the run (it has stopped)");
            return run;
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _exec.WriteAsync(Encoding.UTF8.GetBytes(request + "\n"), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or System.Net.Http.HttpRequestException)
        {
            run.Failed(DockerRelayedExec.NotTaken, $"the warm interpreter did not take the run ({exception.Message})");
        }
        finally
        {
            _writeGate.Release();
        }

        return run;
    }

    /// <summary>Forgets a run that has ended.</summary>
    public void Forget(string marker)
    {
        lock (_gate)
        {
            _supervisors.Remove(marker);
            _runs.Remove(marker);
        }
    }

    /// <summary>Stops listening; the template itself ends with its container (or has stopped already).</summary>
    public async ValueTask DisposeAsync()
    {
        await _exec.DisposeAsync().ConfigureAwait(false);
        await _reader.ConfigureAwait(false);
        _writeGate.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[16 * 1024];
        var lines = new[] { new StringBuilder(), new StringBuilder() };
        var decoders = new[] { Encoding.UTF8.GetDecoder(), Encoding.UTF8.GetDecoder() };
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        try
        {
            while (true)
            {
                var (count, source) = await _exec.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false);
                if (count == 0)
                {
                    break;
                }

                var line = lines[source];
                var n = decoders[source].GetChars(buffer, 0, count, chars, 0);
                for (var i = 0; i < n; i++)
                {
                    if (chars[i] != '\n')
                    {
                        line.Append(chars[i]);
                        continue;
                    }

                    Handle(source, line.ToString());
                    line.Clear();
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or JsonException or FormatException or System.Net.Http.HttpRequestException)
        {
            // The exec ended with its container, or the server stopped listening: the template counts as stopped.
            WarmLog.ControlFailed(_logger, exception);
        }

        _ready.TrySetException(new SandboxException("The warm interpreter stopped before its imports were done (see the server log)."));
        List<DockerRelayedExec> lost;
        lock (_gate)
        {
            lost = [.. _runs.Values];
        }

        foreach (var run in lost)
        {
            run.Lost("the warm interpreter stopped during this run");
        }
    }

    private void Handle(int source, string line)
    {
        if (source == OutputCapture.Stderr)
        {
            WarmLog.TemplateSaid(_logger, line);
            return;
        }

        var message = JsonNode.Parse(line)!.AsObject();
        switch (message["event"]!.GetValue<string>())
        {
            case "ready":
                _ready.TrySetResult(message);
                break;
            case "started":
                lock (_gate)
                {
                    _supervisors[message["n"]!.GetValue<string>()] = message["pid"]!.GetValue<int>();
                }

                break;
            case "output":
                Run(message)?.Output(message["fd"]!.GetValue<int>() == 2 ? OutputCapture.Stderr : OutputCapture.Stdout, Convert.FromBase64String(message["data"]!.GetValue<string>()));
                break;
            case "exited":
                Run(message)?.Exited(message["status"]!.GetValue<int>());
                break;
            case "closed":
                Run(message)?.Closed();
                break;
            case "failed":
                Run(message)?.Failed(DockerRelayedExec.NotTaken, "the warm interpreter could not start the run (" + message["error"]!.GetValue<string>() + ")");
                break;
        }
    }

    private DockerRelayedExec? Run(JsonObject message)
    {
        lock (_gate)
        {
            return _runs.GetValueOrDefault(message["n"]!.GetValue<string>());
        }
    }
}
