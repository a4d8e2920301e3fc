using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace MleDojo.Benchmarks;

/// <summary>
/// The cost of a step as an agent sees it: execute_code of a trivial script through a real MCP client over
/// stdio against the real server process, beside starting the same interpreter directly; then 8 sessions each
/// running a 2-second script at once.
/// </summary>
internal static class StepBenchmark
{
    private const string Python = "/usr/bin/python3";
    private const int Samples = 30;
    private const string Trivial = "print('ok')\n";

    public static async Task<int> RunAsync(string[] args)
    {
        var server = args is ["--server", var path, ..] ? path : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/MleDojo.Server/bin/Release/net10.0/mledojo"));
        var home = Directory.CreateTempSubdirectory("mledojo-bench-home-").FullName;
        try
        {
            await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = "mledojo",
                Command = server,
                Arguments = ["serve", "--home", home, "--max-steps", "1000"],
                StandardErrorLines = _ => { },
            }));

            var session = await StartAsync(client);
            for (var i = 0; i < 3; i++)
            {
                await ExecuteAsync(client, session, Trivial);
            }

            var mcp = new List<double>();
            var bare = new List<double>();
            var script = Path.Combine(home, "trivial.py");
            await File.WriteAllTextAsync(script, Trivial);
            for (var i = 0; i < Samples; i++)
            {
                // Interleaved, so machine noise hits both sides alike.
                mcp.Add(await TimeAsync(() => ExecuteAsync(client, session, Trivial)));
                bare.Add(await TimeAsync(() => RunBareAsync(script)));
            }

            var roundTrips = new List<double>();
            for (var i = 0; i < Samples; i++)
            {
                roundTrips.Add(await TimeAsync(() => client.CallToolAsync("request_info", new Dictionary<string, object?> { ["session_id"] = session, ["info_type"] = "budget" }).AsTask()));
            }

            var mcpMedian = Median(mcp);
            var bareMedian = Median(bare);
            Console.WriteLine($"Step latency, median of {Samples} interleaved samples (client-observed, local sandbox):");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  execute_code via MCP stdio   {mcpMedian,8:F1} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  bare {Python} script  {bareMedian,8:F1} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  request_info round trip      {Median(roundTrips),8:F1} ms (protocol + recording, no sandbox)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  overhead {mcpMedian - bareMedian:F1} ms, ratio {mcpMedian / bareMedian:F2}x (target: at most 50 ms over bare)"));

            var sessions = new List<string>();
            for (var i = 0; i < 8; i++)
            {
                sessions.Add(await StartAsync(client));
            }

            var started = Stopwatch.GetTimestamp();
            var results = await Task.WhenAll(sessions.Select(s => ExecuteAsync(client, s, "import time\ntime.sleep(2)\nprint('done')\n")));
            var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var ok = results.Count(r => r == "succeeded");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"8 concurrent sessions x 2 s script: {ok}/8 succeeded, wall {wall:F2} s"));
            return ok == 8 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task<string> StartAsync(McpClient client)
    {
        var result = await client.CallToolAsync("start_session", new Dictionary<string, object?> { ["competition_id"] = "penguins" });
        return Structured(result).GetProperty("session_id").GetString()!;
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

    private static async Task RunBareAsync(string script)
    {
        var start = new ProcessStartInfo(Python, [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
