using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace MleDojo.Slurm.Tests;

/// <summary>
/// The <c>queued</c> session state, through the real server on a partition with room for two sessions: start_session
/// returns within its wait_s with the session queued (job id and Slurm's reason), runs are refused without using a step,
/// the clock and the sweeper leave a queued session alone, end_session cancels its job, and as the first sessions'
/// episodes end (their final submission releases their allocations) every queued one becomes active with its whole
/// clock and runs to a graded submission.
/// </summary>
public sealed class SlurmQueueingTests(SlurmFixture fixture) : IAsyncLifetime
{
    private const int EpisodeSeconds = 45;

    private readonly SlurmServerHome _server = new("mledojo-qtest");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        fixture.Require();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Serve_MoreSessionsThanThePartitionHolds_QueuesTheRestThenRunsEveryOneToAGradedSubmission()
    {
        await using var client = await StartServerAsync("mledojo-small");

        // Given a partition with room for two sessions of the default budget (2 CPUs): two start, two more queue. The
        // first two have a longer clock, so that they hold the partition while the queued ones outlive their own.
        var first = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var started = SlurmServerHome.Structured(await StartAsync(client, waitSeconds: 60, episodeSeconds: EpisodeSeconds * 4));
            Assert.False(started.TryGetProperty("state", out _), started.ToString());
            first.Add(started.GetProperty("session_id").GetString()!);
        }

        var queued = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 2; i++)
        {
            var began = System.Diagnostics.Stopwatch.StartNew();
            var started = SlurmServerHome.Structured(await StartAsync(client, waitSeconds: 2));
            Assert.True(began.Elapsed < TimeSpan.FromSeconds(30), $"start_session took {began.Elapsed} with wait_s 2");
            Assert.Equal("queued", started.GetProperty("state").GetString());
            var queue = started.GetProperty("queue");
            var job = long.Parse(queue.GetProperty("job_id").GetString()!, CultureInfo.InvariantCulture);
            Assert.False(string.IsNullOrWhiteSpace(queue.GetProperty("reason").GetString()), started.ToString());
            Assert.Equal("PENDING", await SlurmQueue.JobStateAsync(job));
            Assert.Equal(EpisodeSeconds, started.GetProperty("budget").GetProperty("episode_remaining_s").GetDouble());
            queued.Add(started.GetProperty("session_id").GetString()!);
        }

        // A run on a queued session is refused with its own code, naming the job, and uses no step.
        var waiting = queued[0];
        var refused = await client.CallToolAsync("execute_code", new Dictionary<string, object?> { ["session_id"] = waiting, ["code"] = "print(1)\n", ["wait_s"] = 5 }, cancellationToken: Ct);
        var refusal = SlurmServerHome.Text(refused);
        Assert.True(refused.IsError, refusal);
        Assert.StartsWith("[session_queued]", refusal, StringComparison.Ordinal);
        Assert.Contains(await JobOfAsync(client, waiting), refusal, StringComparison.Ordinal);
        var history = SlurmServerHome.Structured(await client.CallToolAsync("get_history", new Dictionary<string, object?> { ["session_id"] = waiting }, cancellationToken: Ct));
        Assert.Equal("queued", history.GetProperty("state").GetString());
        Assert.Equal(0, history.GetProperty("budget").GetProperty("steps_used").GetInt32());
        var info = SlurmServerHome.Structured(await client.CallToolAsync("request_info", new Dictionary<string, object?> { ["session_id"] = waiting, ["info_type"] = "budget" }, cancellationToken: Ct));
        Assert.Equal("queued", info.GetProperty("state").GetString());
        Assert.False(string.IsNullOrWhiteSpace(info.GetProperty("queue").GetProperty("reason").GetString()));

        // end_session of a queued session cancels its job in Slurm, with nothing to grade.
        var extra = SlurmServerHome.Structured(await StartAsync(client, waitSeconds: 1));
        Assert.Equal("queued", extra.GetProperty("state").GetString());
        var extraJob = long.Parse(extra.GetProperty("queue").GetProperty("job_id").GetString()!, CultureInfo.InvariantCulture);
        var ended = SlurmServerHome.Structured(await client.CallToolAsync("end_session", new Dictionary<string, object?> { ["session_id"] = extra.GetProperty("session_id").GetString() }, cancellationToken: Ct));
        Assert.Equal("closed", ended.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, ended.TryGetProperty("final", out var final) ? final.ValueKind : JsonValueKind.Null);
        Assert.True(await SlurmQueue.EventuallyAsync(async () => await SlurmQueue.JobStateAsync(extraJob) is null or "CANCELLED", TimeSpan.FromSeconds(30), Ct));

        // The queued sessions outlive their own wall clock in the queue, sweeps included, and are not truncated.
        var outlived = TimeSpan.FromSeconds(EpisodeSeconds + 7) - clock.Elapsed;
        if (outlived > TimeSpan.Zero)
        {
            await Task.Delay(outlived, Ct);
        }

        foreach (var session in queued)
        {
            var still = SlurmServerHome.Structured(await client.CallToolAsync("get_history", new Dictionary<string, object?> { ["session_id"] = session }, cancellationToken: Ct));
            Assert.Equal("queued", still.GetProperty("state").GetString());
            Assert.Equal(EpisodeSeconds, still.GetProperty("budget").GetProperty("episode_remaining_s").GetDouble());
        }

        // The first two play to a graded submission. Their episodes end with it, and so do their allocations (before
        // end_session): they go to the queued ones, whose clocks start then, whole.
        foreach (var session in first)
        {
            await PlayAsync(client, session);
        }

        foreach (var session in queued)
        {
            JsonElement active = default;
            Assert.True(
                await SlurmQueue.EventuallyAsync(
                    async () =>
                    {
                        active = SlurmServerHome.Structured(await client.CallToolAsync("get_history", new Dictionary<string, object?> { ["session_id"] = session }, cancellationToken: Ct));
                        return active.GetProperty("state").GetString() == "active";
                    },
                    TimeSpan.FromSeconds(90),
                    Ct),
                $"{session} never became active: {active}");
            Assert.True(active.GetProperty("budget").GetProperty("episode_remaining_s").GetDouble() > EpisodeSeconds - 20, active.ToString());
            Assert.False(active.TryGetProperty("queue", out _), active.ToString());
        }

        foreach (var session in queued.Concat(first))
        {
            if (queued.Contains(session))
            {
                await PlayAsync(client, session);
            }

            await client.CallToolAsync("end_session", new Dictionary<string, object?> { ["session_id"] = session }, cancellationToken: Ct);
        }
    }

    /// <summary>One execute_code that writes a valid submission, then the final submission, graded.</summary>
    private static async Task PlayAsync(McpClient client, string session)
    {
        var step = SlurmServerHome.Structured(await client.CallToolAsync("execute_code", new Dictionary<string, object?> { ["session_id"] = session, ["code"] = SlurmServerHome.TitanicSubmission, ["wait_s"] = 40 }, cancellationToken: Ct));
        Assert.True(step.GetProperty("status").GetString() == "succeeded", step.ToString());
        Assert.Equal(1, step.GetProperty("budget").GetProperty("steps_used").GetInt32());
        var submitted = SlurmServerHome.Structured(await client.CallToolAsync("submit", new Dictionary<string, object?> { ["session_id"] = session }, cancellationToken: Ct));
        Assert.True(submitted.GetProperty("terminated").GetBoolean(), submitted.ToString());
        Assert.True(submitted.GetProperty("private_score").GetDouble() > 0.5, submitted.ToString());
    }

    private static async Task<string> JobOfAsync(McpClient client, string session) =>
        SlurmServerHome.Structured(await client.CallToolAsync("get_history", new Dictionary<string, object?> { ["session_id"] = session }, cancellationToken: Ct))
            .GetProperty("queue").GetProperty("job_id").GetString()!;

    private static Task<CallToolResult> StartAsync(McpClient client, double waitSeconds, int episodeSeconds = EpisodeSeconds) =>
        client.CallToolAsync(
            "start_session",
            new Dictionary<string, object?>
            {
                ["competition_id"] = "titanic",
                ["episode_timeout_s"] = episodeSeconds,
                ["run_timeout_s"] = 40,
                ["wait_s"] = waitSeconds,
            },
            cancellationToken: Ct).AsTask();

    private Task<McpClient> StartServerAsync(string partition) => _server.StartServerAsync(partition, environment: null, Ct);
}
