using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace MleDojo.Benchmarks;

/// <summary>
/// Load on <c>serve --http</c>: 32 clients at once, each with its own API key and its own HTTP connection, each playing
/// a short titanic episode (request_info, then 5 execute_code steps that write and score a submission, then submit).
/// The same 32 episodes then run over one stdio connection, for the figures to compare with. Prints tool-call latency
/// p50/p99 for request_info and execute_code on both, the errors (the target is none), and the HTTP server's peak
/// resident memory. Everything stays on loopback.
/// </summary>
internal static partial class HttpBenchmark
{
    private const int Clients = 32;
    private const int Steps = 5;
    private const string Competition = "titanic";
    private const string Step = "import shutil\nshutil.copy('input/sample_submission.csv', 'output/submission.csv')\nprint('submitted the sample')\n";

    public static async Task<int> RunAsync(string[] args)
    {
        var server = args is ["--server", var path, ..] ? path : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/MleDojo.Server/bin/Release/net10.0/mledojo"));
        var home = Directory.CreateTempSubdirectory("mledojo-bench-http-").FullName;
        var stdioHome = Directory.CreateTempSubdirectory("mledojo-bench-http-stdio-").FullName;
        using var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        var ct = bounded.Token;
        try
        {
            var keys = new List<string>();
            for (var i = 0; i < Clients; i++)
            {
                keys.Add(await CreateKeyAsync(server, home, $"bench-{i:D2}", ct));
            }

            using var process = StartHttpServer(server, home, out var endpoint);
            var http = await PlayAllAsync(keys.Select(key => (Func<Task<McpClient>>)(() => ConnectHttpAsync(endpoint, key, ct))).ToList(), ct);
            var peak = PeakResidentBytes(process.Id);
            process.Kill(entireProcessTree: true);

            await using var stdio = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = "mledojo",
                Command = server,
                Arguments = ["serve", "--home", stdioHome, "--max-steps", "1000"],
                StandardErrorLines = _ => { },
            }), cancellationToken: ct);
            var overStdio = await PlayAllAsync([.. Enumerable.Repeat<Func<Task<McpClient>>>(() => Task.FromResult(stdio), Clients)], ct, shared: true);

            Console.WriteLine($"{Clients} concurrent clients x {Steps}-step {Competition} episode (request_info, {Steps} x execute_code, submit), loopback:");
            Console.WriteLine("                                   request_info p50/p99     execute_code p50/p99    errors   wall");
            Print("Streamable HTTP, a key each", http);
            Print("stdio, one shared connection", overStdio);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  HTTP server peak resident memory: {peak / 1024.0 / 1024.0:F0} MB (VmHWM; sandboxed runs are other processes)"));
            return http.Errors.IsEmpty && overStdio.Errors.IsEmpty ? 0 : 1;
        }
        finally
        {
            Directory.Delete(home, recursive: true);
            Directory.Delete(stdioHome, recursive: true);
        }
    }

    private static void Print(string name, Load load)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-32} {Percentile(load.Info, 0.5),7:F1} / {Percentile(load.Info, 0.99),7:F1} ms  {Percentile(load.Execute, 0.5),7:F1} / {Percentile(load.Execute, 0.99),7:F1} ms  {load.Errors.Count,6}  {load.Wall.TotalSeconds,5:F1} s"));
        if (!load.Errors.IsEmpty)
        {
            Console.WriteLine($"    first error: {load.Errors.First()}");
        }
    }

    private static async Task<Load> PlayAllAsync(IReadOnlyList<Func<Task<McpClient>>> connect, CancellationToken ct, bool shared = false)
    {
        var load = new Load();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(connect.Select(c => Task.Run(() => PlayAsync(c, load, dispose: !shared, ct), ct)));
        load.Wall = Stopwatch.GetElapsedTime(started);
        return load;
    }

    private static async Task PlayAsync(Func<Task<McpClient>> connect, Load load, bool dispose, CancellationToken ct)
    {
        McpClient? client = null;
        try
        {
            client = await connect();
            var session = Structured(await client.CallToolAsync("start_session", new Dictionary<string, object?> { ["competition_id"] = Competition, ["agent"] = "http-bench" }, cancellationToken: ct)).GetProperty("session_id").GetString();
            load.Info.Add(await TimeAsync(async () => Structured(await client.CallToolAsync("request_info", new Dictionary<string, object?> { ["session_id"] = session, ["info_type"] = "budget" }, cancellationToken: ct))));
            for (var i = 0; i < Steps; i++)
            {
                load.Execute.Add(await TimeAsync(async () =>
                {
                    var run = Structured(await client.CallToolAsync("execute_code", new Dictionary<string, object?> { ["session_id"] = session, ["code"] = Step, ["wait_s"] = 300 }, cancellationToken: ct));
                    if (run.GetProperty("status").GetString() != "succeeded" || run.GetProperty("public_score").ValueKind != JsonValueKind.Number)
                    {
                        throw new InvalidOperationException($"a step did not score: {run}");
                    }
                }));
            }

            Structured(await client.CallToolAsync("submit", new Dictionary<string, object?> { ["session_id"] = session }, cancellationToken: ct));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            load.Errors.Add(ex.Message);
        }
        finally
        {
            if (dispose && client is not null)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static async Task<McpClient> ConnectHttpAsync(Uri endpoint, string key, CancellationToken ct) =>
        await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" },
        }), cancellationToken: ct);

    private static Process StartHttpServer(string server, string home, out Uri endpoint)
    {
        var start = new ProcessStartInfo(server, ["serve", "--http", "--urls", "http://127.0.0.1:0", "--home", home, "--max-steps", "1000"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["MleDojo__Http__Quotas__MaxSessions"] = "4";
        start.Environment["MleDojo__Http__Quotas__MaxRunsInFlight"] = "4";
        var process = Process.Start(start)!;
        process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        while (process.StandardError.ReadLine() is { } line)
        {
            if (Listening().Match(line) is { Success: true } match)
            {
                endpoint = new Uri(match.Groups[1].Value);
                _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
                return process;
            }
        }

        throw new InvalidOperationException("The HTTP server exited before listening.");
    }

    private static async Task<string> CreateKeyAsync(string server, string home, string name, CancellationToken ct)
    {
        var start = new ProcessStartInfo(server, ["keys", "create", "--home", home, "--name", name, "--json"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return JsonDocument.Parse(output).RootElement.GetProperty("key").GetString()!;
    }

    private static long PeakResidentBytes(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024).FirstOrDefault();

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

    private static double Percentile(IEnumerable<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var position = fraction * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }

    [GeneratedRegex(@"MCP over Streamable HTTP at (http://\S+/mcp)")]
    private static partial Regex Listening();

    private sealed class Load
    {
        public ConcurrentBag<double> Info { get; } = [];

        public ConcurrentBag<double> Execute { get; } = [];

        public ConcurrentBag<string> Errors { get; } = [];

        public TimeSpan Wall { get; set; }
    }
}
