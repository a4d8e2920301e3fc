using System.Collections.Concurrent;
using MleDojo.Http.Tests.Support;
using ModelContextProtocol;

namespace MleDojo.Http.Tests;

/// <summary>
/// Whole episodes over Streamable HTTP with the C# SDK's HttpClientTransport: progress on the POST's own stream, runs
/// that outlive a dropped connection, and episodes that outlive the server process.
/// </summary>
public sealed class HttpEpisodeTests
{
    private static readonly Dictionary<string, string?> FastProgress = new() { ["MleDojo__Sessions__ProgressIntervalSeconds"] = "1" };

    [Fact]
    public async Task Episode_OverStreamableHttp_ScoresSubmitsWithProgressAndIsOwnedByTheKey()
    {
        using var timeout = Calls.Within(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        await using var server = await HttpServer.StartAsync(ct, environment: FastProgress);
        var key = await server.CreateKeyAsync("alice", ct);
        await using var client = await server.ConnectAsync(key, ct);

        var tools = await client.ListToolsAsync(cancellationToken: ct);
        Assert.Contains(tools, t => t.Name == "execute_code");
        var id = await client.StartAsync(ct);

        var progress = new ConcurrentQueue<ProgressNotificationValue>();
        var ticking = await client.OkAsync("execute_code", new()
        {
            ["session_id"] = id,
            ["code"] = "import time\nfor i in range(5):\n    print(f'tick {i}', flush=True)\n    time.sleep(1)\n",
        }, ct, new SynchronousProgress(progress.Enqueue));
        Assert.Equal("succeeded", ticking.Str("status"));
        Assert.Contains(progress, p => p.Message?.Contains("tick", StringComparison.Ordinal) == true);

        var executed = await client.OkAsync("execute_code", new() { ["session_id"] = id, ["code"] = Calls.TitanicSample("02_logistic_regression.py") }, ct);
        Assert.InRange(Assert.IsType<double>(executed.Num("public_score")), 0.6, 1.0);
        var submitted = await client.OkAsync("submit", new() { ["session_id"] = id }, ct);
        Assert.InRange(Assert.IsType<double>(submitted.Num("private_score")), 0.6, 1.0);

        var history = await client.OkAsync("get_history", new() { ["session_id"] = id }, ct);
        Assert.Equal("terminated", history.Str("state"));
        Assert.Equal("alice", history.GetProperty("labels").Str("owner"));
    }

    [Fact]
    public async Task Run_WhenTheClientDropsTheCall_GoesOnAndGetRunPicksItUp()
    {
        using var timeout = Calls.Within(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        await using var server = await HttpServer.StartAsync(ct);
        var key = await server.CreateKeyAsync("alice", ct);
        await using var client = await server.ConnectAsync(key, ct);
        var id = await client.StartAsync(ct);

        // The call is abandoned mid-run: over HTTP that closes the request, which must not kill the run.
        using (var dropped = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            dropped.CancelAfter(TimeSpan.FromSeconds(2));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CallToolAsync("execute_code", new Dictionary<string, object?>
            {
                ["session_id"] = id,
                ["code"] = "import time\nprint('started', flush=True)\ntime.sleep(6)\nprint('finished after the client left', flush=True)\n",
            }, cancellationToken: dropped.Token).AsTask());
        }

        await using var later = await server.ConnectAsync(key, ct);
        var history = await later.OkAsync("get_history", new() { ["session_id"] = id }, ct);
        var runId = history.GetProperty("steps").EnumerateArray().Single(s => s.Str("action") == "execute_code").Str("run_id");
        var run = await later.OkAsync("get_run", new() { ["session_id"] = id, ["run_id"] = runId, ["wait_s"] = 60 }, ct);
        Assert.Equal("succeeded", run.Str("status"));
        Assert.Contains("finished after the client left", run.Str("stdout"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_AfterKill9_TheEpisodeGoesOnUnderTheSameId()
    {
        using var timeout = Calls.Within(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        await using var server = await HttpServer.StartAsync(ct);
        var key = await server.CreateKeyAsync("alice", ct);
        string id;
        await using (var client = await server.ConnectAsync(key, ct))
        {
            id = await client.StartAsync(ct);
            await client.OkAsync("execute_code", new() { ["session_id"] = id, ["code"] = Calls.TitanicSample("02_logistic_regression.py") }, ct);
        }

        await server.KillAsync();
        await server.RestartAsync(ct);

        await using var again = await server.ConnectAsync(key, ct);
        var history = await again.OkAsync("get_history", new() { ["session_id"] = id }, ct);
        Assert.Equal("active", history.Str("state"));
        Assert.NotNull(history.Num("best_public_score"));
        var next = await again.OkAsync("execute_code", new() { ["session_id"] = id, ["code"] = "print('after the restart')" }, ct);
        Assert.Equal("succeeded", next.Str("status"));
        var submitted = await again.OkAsync("submit", new() { ["session_id"] = id }, ct);
        Assert.NotNull(submitted.Num("private_score"));
    }

    [Fact]
    public async Task Stop_WithARunInFlight_LetsItFinishWithinTheGraceAndRecordsIt()
    {
        using var timeout = Calls.Within(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        await using var server = await HttpServer.StartAsync(ct);
        var key = await server.CreateKeyAsync("alice", ct);
        string id, runId;
        await using (var client = await server.ConnectAsync(key, ct))
        {
            id = await client.StartAsync(ct);
            var running = await client.OkAsync("execute_code", new()
            {
                ["session_id"] = id,
                ["code"] = "import time\ntime.sleep(4)\nprint('finished during shutdown', flush=True)\n",
                ["wait_s"] = 0,
            }, ct);
            Assert.Equal("running", running.Str("status"));
            runId = running.Str("run_id");
        }

        Assert.Equal(0, await server.StopAsync(ct));
        await server.RestartAsync(ct);

        await using var again = await server.ConnectAsync(key, ct);
        var run = await again.OkAsync("get_run", new() { ["session_id"] = id, ["run_id"] = runId }, ct);
        Assert.Equal("succeeded", run.Str("status"));
        Assert.Contains("finished during shutdown", run.Str("stdout"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_WhenTheGraceIsOver_RecordsTheRunAsInterruptedWithItsOutput()
    {
        using var timeout = Calls.Within(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        await using var server = await HttpServer.StartAsync(ct, environment: new Dictionary<string, string?> { ["MleDojo__Http__ShutdownGraceSeconds"] = "1" });
        var key = await server.CreateKeyAsync("alice", ct);
        string id, runId;
        await using (var client = await server.ConnectAsync(key, ct))
        {
            id = await client.StartAsync(ct);
            var running = await client.OkAsync("execute_code", new()
            {
                ["session_id"] = id,
                ["code"] = "import time\nprint('before the stop', flush=True)\ntime.sleep(600)\n",
                ["wait_s"] = 2,
            }, ct);
            Assert.Equal("running", running.Str("status"));
            runId = running.Str("run_id");
        }

        Assert.Equal(0, await server.StopAsync(ct));
        await server.RestartAsync(ct);

        await using var again = await server.ConnectAsync(key, ct);
        var run = await again.OkAsync("get_run", new() { ["session_id"] = id, ["run_id"] = runId }, ct);
        Assert.Equal("interrupted", run.Str("status"));
        Assert.Contains("before the stop", run.Str("stdout"), StringComparison.Ordinal);
    }

    // Progress<T> would post to the thread pool and could report after the call returned.
    private sealed class SynchronousProgress(Action<ProgressNotificationValue> report) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => report(value);
    }
}
