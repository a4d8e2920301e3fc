using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace MleDojo.Benchmarks;

/// <summary>
/// The Slurm backend's row of <c>bench steps</c>: a warm step on Slurm (forked from the session's template, a long-lived
/// step in its running allocation) against a local step, interleaved; then 16 sessions started at once on the cluster's small partition, which holds 4 of them,
/// each running a 2-second script and ending, with the time each waited for its allocation. Needs the cluster of
/// scripts/slurm-cluster.sh (SLURM_CONF); skipped without it.
/// </summary>
internal static class SlurmStepBenchmark
{
    private const int Samples = 30;
    private const int Sessions = 16;
    private const string Trivial = "print('ok')\n";

    public static async Task<bool> RunAsync(string server, McpClient local, string localSession)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SLURM_CONF")))
        {
            Console.WriteLine("  slurm: skipped (no SLURM_CONF; eval \"$(scripts/slurm-cluster.sh start)\")");
            return true;
        }

        var home = Directory.CreateTempSubdirectory("mledojo-bench-slurm-home-").FullName;
        var shared = Directory.CreateTempSubdirectory("mledojo-bench-slurm-shared-").FullName;
        try
        {
            await using var slurm = await StartServerAsync(server, home, shared, partition: null);
            var session = await StartAsync(slurm, cpus: null);

            // Runs go cold (a step each) until the session's template has imported; the first cold ones are the cold row.
            var cold = new List<double>();
            for (var i = 0; i < 120 && await RunAsync(slurm, session, Trivial, cold) != "warm"; i++)
            {
                await Task.Delay(StepBenchmark.ThinkTime);
            }

            var onLocal = new List<double>();
            var onSlurm = new List<double>();
            var warm = 0;
            for (var i = 0; i < Samples; i++)
            {
                await Task.Delay(StepBenchmark.ThinkTime);
                onLocal.Add(await TimeAsync(() => ExecuteAsync(local, localSession, Trivial)));
                await Task.Delay(StepBenchmark.ThinkTime);
                warm += await RunAsync(slurm, session, Trivial, onSlurm) == "warm" ? 1 : 0;
            }

            var localMedian = Percentile(onLocal, 0.5);
            var slurmMedian = Percentile(onSlurm, 0.5);
            Console.WriteLine(Invariant($"  execute_code via MCP stdio, slurm, warm     {slurmMedian,8:F1} ms ({warm}/{Samples} warm; local {localMedian:F1} ms, interleaved)"));
            if (cold.Count > 1)
            {
                Console.WriteLine(Invariant($"  the same, cold (a job step per run)         {Percentile(cold[..^1], 0.5),8:F1} ms (the {cold.Count - 1} runs before the template was ready)"));
            }

            Console.WriteLine(Invariant($"  slurm: {slurmMedian - localMedian:F1} ms over a local step (target: at most 100 ms), p90 {Percentile(onSlurm, 0.9):F1} ms"));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
            Directory.Delete(shared, recursive: true);
        }

        return await QueueAsync(server);
    }

    /// <summary>16 sessions at once on a partition that holds 4: the ones that do not fit start queued and are polled until their allocation starts; each runs and ends.</summary>
    private static async Task<bool> QueueAsync(string server)
    {
        var home = Directory.CreateTempSubdirectory("mledojo-bench-slurm-home-").FullName;
        var shared = Directory.CreateTempSubdirectory("mledojo-bench-slurm-shared-").FullName;
        try
        {
            await using var slurm = await StartServerAsync(server, home, shared, partition: "mledojo-small");
            var started = Stopwatch.GetTimestamp();
            var episodes = await Task.WhenAll(Enumerable.Range(0, Sessions).Select(async _ =>
            {
                var waited = Stopwatch.GetTimestamp();
                var (session, queued) = await StartQueuedAsync(slurm, cpus: 1);

                // A queued session is polled as a client would, until its allocation starts its clock.
                var state = queued ? "queued" : "active";
                while (state == "queued")
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    var history = await slurm.CallToolAsync("get_history", new Dictionary<string, object?> { ["session_id"] = session });
                    state = Structured(history).GetProperty("state").GetString()!;
                }

                var wait = Stopwatch.GetElapsedTime(waited).TotalSeconds;
                var status = await ExecuteAsync(slurm, session, "import time\ntime.sleep(2)\nprint('done')\n");
                await slurm.CallToolAsync("end_session", new Dictionary<string, object?> { ["session_id"] = session });
                return (Wait: wait, Status: status, Queued: queued);
            }));
            var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var ok = episodes.Count(e => e.Status == "succeeded");
            var waits = episodes.Select(e => e.Wait).ToList();
            Console.WriteLine(Invariant($"{Sessions} concurrent sessions x 2 s script (slurm, partition of 4): {ok}/{Sessions} succeeded, {episodes.Count(e => e.Queued)} started queued, wall {wall:F1} s, wait for the allocation median {Percentile(waits, 0.5):F1} s, max {waits.Max():F1} s"));
            return ok == Sessions;
        }
        finally
        {
            Directory.Delete(home, recursive: true);
            Directory.Delete(shared, recursive: true);
        }
    }

    private static async Task<McpClient> StartServerAsync(string server, string home, string shared, string? partition) =>
        await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "mledojo",
            Command = server,
            Arguments =
            [
                "serve", "--home", home, "--max-steps", "1000", "--sandbox", "slurm", "--slurm-shared-root", shared,
                .. partition is null ? Array.Empty<string>() : ["--slurm-partition", partition],
            ],

            // A run whose allocation was replaced waits for it as long as the queue takes; start_session answers within wait_s.
            EnvironmentVariables = new Dictionary<string, string?> { ["MleDojo__Sandbox__Slurm__AllocationWait"] = "00:10:00" },
            StandardErrorLines = _ => { },
            ShutdownTimeout = TimeSpan.FromSeconds(30),
        }));

    /// <summary>Starts a session that answers within 2 s, queued when the partition is full.</summary>
    private static async Task<(string Session, bool Queued)> StartQueuedAsync(McpClient client, double cpus)
    {
        var result = Structured(await client.CallToolAsync("start_session", new Dictionary<string, object?> { ["competition_id"] = "penguins", ["cpus"] = cpus, ["wait_s"] = 2 }));
        var queued = result.TryGetProperty("state", out var state) && state.GetString() == "queued";
        return (result.GetProperty("session_id").GetString()!, queued);
    }

    private static async Task<string> StartAsync(McpClient client, double? cpus)
    {
        var arguments = new Dictionary<string, object?> { ["competition_id"] = "penguins" };
        if (cpus is { } value)
        {
            arguments["cpus"] = value;
        }

        var result = await client.CallToolAsync("start_session", arguments);
        return Structured(result).GetProperty("session_id").GetString()!;
    }

    /// <summary>Runs <paramref name="code"/>, adds its time to <paramref name="times"/>, and returns the interpreter it ran on.</summary>
    private static async Task<string> RunAsync(McpClient client, string session, string code, List<double> times)
    {
        var clock = Stopwatch.StartNew();
        var result = Structured(await client.CallToolAsync("execute_code", new Dictionary<string, object?> { ["session_id"] = session, ["code"] = code, ["wait_s"] = 60 }));
        times.Add(clock.Elapsed.TotalMilliseconds);
        return result.TryGetProperty("interpreter", out var interpreter) ? interpreter.GetString() ?? "" : "";
    }

    private static async Task<string> ExecuteAsync(McpClient client, string session, string code)
    {
        var result = await client.CallToolAsync("execute_code", new Dictionary<string, object?> { ["session_id"] = session, ["code"] = code, ["wait_s"] = 60 });
        return Structured(result).GetProperty("status").GetString()!;
    }

    private static JsonElement Structured(CallToolResult result) =>
        result.IsError == true
            ? throw new InvalidOperationException(string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text)))
            : result.StructuredContent ?? throw new InvalidOperationException("no structured content");

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        var position = fraction * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
