using MleDojo.Server.Tests.Support;

namespace MleDojo.Server.Tests;

/// <summary>Runs that outlive a call: wait_s and get_run, progress notifications, and cancelling the MCP request.</summary>
[Collection(ServerCollection.Name)]
public sealed class LongRunTests(ServerFixture fixture)
{
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task ExecuteCode_RunLongerThanWaitS_ReturnsRunningAndGetRunPicksItUp()
    {
        using var timeout = ToolCalls.Within(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        var id = await fixture.StartSessionAsync(ct);
        const string code = "import time\nprint('sleeping', flush=True)\ntime.sleep(4)\nprint('woke up')\n";

        var pending = await Server.OkAsync("execute_code", new() { ["session_id"] = id, ["code"] = code, ["wait_s"] = 1 }, ct);
        Assert.Equal("running", pending.Str("status"));
        var runId = pending.Str("run_id");
        Assert.Equal("run-0001", runId);
        Assert.Contains("get_run", pending.Str("note"), StringComparison.Ordinal);
        Assert.Equal(1, pending.GetProperty("budget").Num("runs_in_flight"));
        Assert.True(pending.Num("duration_s") >= 0.5, $"answered 'running' before wait_s: {pending}");

        var finished = await Server.OkAsync("get_run", new() { ["session_id"] = id, ["run_id"] = runId, ["wait_s"] = 30 }, ct);
        Assert.Equal("succeeded", finished.Str("status"));
        Assert.Equal(runId, finished.Str("run_id"));
        Assert.Contains("woke up", finished.Str("stdout"), StringComparison.Ordinal);
        Assert.InRange(Assert.IsType<double>(finished.Num("duration_s")), 3.9, 30);
        Assert.Equal(0, finished.GetProperty("budget").Num("runs_in_flight"));
        Assert.False(finished.GetProperty("submission").Flag("found"));

        // Asking again returns the recorded result.
        var again = await Server.OkAsync("get_run", new() { ["session_id"] = id, ["run_id"] = runId, ["wait_s"] = 1 }, ct);
        Assert.Equal("succeeded", again.Str("status"));
    }

    [Fact]
    public async Task ExecuteCode_WhileARunGoesOn_SendsProgressWithRecentOutput()
    {
        using var timeout = ToolCalls.Within(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        var id = await fixture.StartSessionAsync(ct);
        const string code = "import time\nfor i in range(4):\n    print(f'tick {i}', flush=True)\n    time.sleep(1)\n";
        var progress = new ProgressLog();

        var result = await Server.OkAsync("execute_code", new() { ["session_id"] = id, ["code"] = code, ["wait_s"] = 30 }, ct, progress);

        Assert.Equal("succeeded", result.Str("status"));
        var values = progress.Values;
        Assert.True(values.Count >= 2, $"expected progress every second of a 4 s run, got {values.Count}");
        Assert.All(values, v => Assert.StartsWith("run-0001 running", v.Message, StringComparison.Ordinal));
        Assert.Contains(values, v => v.Message!.Contains("tick", StringComparison.Ordinal));
        var elapsed = values.Select(v => v.Progress).ToList();
        Assert.Equal(elapsed.Order(), elapsed);
        Assert.True(elapsed[^1] > elapsed[0], "progress must increase");
    }

    [Fact]
    public async Task ExecuteCode_RequestCancelled_KillsTheRunAndItsProcesses()
    {
        using var timeout = ToolCalls.Within(TimeSpan.FromSeconds(90));
        var ct = timeout.Token;
        var id = await fixture.StartSessionAsync(ct);
        var token = "mledojo-cancel-" + Guid.NewGuid().ToString("N");
        var code = $"""
            import subprocess, sys, time
            # A grandchild with a unique token on its command line, so the host can find it across the pid namespace.
            subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)", "{token}"])
            print("child started", flush=True)
            time.sleep(300)
            """;

        using var request = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var call = Server.Client.CallToolAsync("execute_code", new Dictionary<string, object?> { ["session_id"] = id, ["code"] = code, ["wait_s"] = 120 }, cancellationToken: request.Token).AsTask();
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.WithToken(token).Count > 0, TimeSpan.FromSeconds(30), ct),
            $"the run's child process never appeared. Server log:\n{Server.LogTail()}");

        await request.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        var run = await Server.OkAsync("get_run", new() { ["session_id"] = id, ["run_id"] = "run-0001", ["wait_s"] = 30 }, ct);
        Assert.Equal("cancelled", run.Str("status"));
        Assert.Equal(0, run.GetProperty("budget").Num("runs_in_flight"));
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.WithToken(token).Count == 0, TimeSpan.FromSeconds(10), ct),
            $"processes still alive after cancellation: {string.Join(", ", HostProcesses.WithToken(token))}");

        // The session goes on: the step stays used, and the next run starts normally.
        var next = await Server.OkAsync("execute_code", new() { ["session_id"] = id, ["code"] = "print('after')" }, ct);
        Assert.Equal("succeeded", next.Str("status"));
        Assert.Equal(2, next.Num("step"));
    }
}
